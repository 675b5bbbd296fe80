package com.doe.pipeline;

import com.doe.format.DatasetSchema;
import com.doe.step.BoundStep;
import com.doe.step.StepCatalogue;
import java.util.List;

/**
 * A valid pipeline version, compiled once: each step bound to the schema of the rows it receives,
 * CEL expressions type-checked and compiled, regexes compiled. Immutable and thread-safe; build it once
 * per pipeline version and share it.
 */
public final class Pipeline {

    private final PipelineDefinition definition;
    private final DatasetSchema sourceSchema;
    private final boolean schemaInferred;
    private final List<BoundStep> steps;
    private final List<DatasetSchema> inputs;

    Pipeline(PipelineDefinition definition, DatasetSchema sourceSchema, boolean schemaInferred, List<BoundStep> steps,
             List<DatasetSchema> inputs) {
        this.definition = definition;
        this.sourceSchema = sourceSchema;
        this.schemaInferred = schemaInferred;
        this.steps = List.copyOf(steps);
        this.inputs = List.copyOf(inputs);
    }

    /** Parses, validates and compiles a definition with a declared schema (JSON or YAML text). */
    public static Pipeline compile(String text) {
        return new PipelineValidator(StepCatalogue.standard()).validate(PipelineText.parse(text), null).orThrow();
    }

    /** Same, for a definition whose schema was inferred from a file. */
    public static Pipeline compile(String text, DatasetSchema inferred) {
        return new PipelineValidator(StepCatalogue.standard()).validate(PipelineText.parse(text), inferred).orThrow();
    }

    public PipelineDefinition definition() {
        return definition;
    }

    public String id() {
        return definition.id();
    }

    /** The schema records are read into. */
    public DatasetSchema sourceSchema() {
        return sourceSchema;
    }

    public boolean schemaInferred() {
        return schemaInferred;
    }

    /** The bound step at {@code index}. */
    public BoundStep step(int index) {
        return steps.get(index);
    }

    public int stepCount() {
        return steps.size();
    }

    /** The schema of rows entering step {@code index}. */
    public DatasetSchema inputOf(int index) {
        return inputs.get(index);
    }

    /** The schema of rows leaving step {@code index}. */
    public DatasetSchema outputOf(int index) {
        return steps.get(index).output();
    }

    /** The schema of rows leaving the last step. */
    public DatasetSchema outputSchema() {
        return steps.isEmpty() ? sourceSchema : steps.get(steps.size() - 1).output();
    }
}
