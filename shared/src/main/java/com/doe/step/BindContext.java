package com.doe.step;

import com.doe.expr.Compilation;
import com.doe.expr.CompiledExpression;
import com.doe.expr.ExpressionCompiler;
import com.doe.format.DatasetSchema;
import com.doe.pipeline.Problems;

/**
 * What a step type sees while it is bound: which step it is, the schema of the rows it receives, and
 * where to report problems. Not thread-safe; one per step per validation.
 */
public final class BindContext {

    private final String stepId;
    private final String type;
    private final String pointer;
    private final DatasetSchema input;
    private final Problems problems;
    private ExpressionCompiler compiler;

    /**
     * @param input the schema of rows entering the step, or null when it is not known yet (a
     *              pipeline whose source schema is inferred from the first file)
     */
    public BindContext(String stepId, String type, String pointer, DatasetSchema input, Problems problems) {
        this.stepId = stepId;
        this.type = type;
        this.pointer = pointer;
        this.input = input;
        this.problems = problems;
    }

    public String stepId() {
        return stepId;
    }

    public String pointer() {
        return pointer;
    }

    /** The input schema, or null when not known yet; field checks are then skipped. */
    public DatasetSchema input() {
        return input;
    }

    public boolean schemaKnown() {
        return input != null;
    }

    public Problems problems() {
        return problems;
    }

    /** "step 'tidy' (clean)", for messages. */
    public String describe() {
        return "step '" + stepId + "' (" + type + ")";
    }

    public void problem(String pointer, String message, String fix) {
        problems.add(pointer, message, fix);
    }

    /** Checks that {@code field} exists in the input; reports it and returns false otherwise. */
    public boolean requireField(String field, String pointer) {
        return requireField(field, pointer, input);
    }

    /** Checks that {@code field} exists in {@code schema} (e.g. a schema partly updated by this step). */
    public boolean requireField(String field, String pointer, DatasetSchema schema) {
        if (schema == null || schema.has(field)) {
            return true;
        }
        problems.add(pointer, describe() + " refers to field '" + field + "', which does not exist at this point "
                        + "of the pipeline (fields here: " + String.join(", ", schema.names()) + ").",
                "Check the spelling" + (Problems.closest(field, schema.names()) != null
                        ? " (did you mean '" + Problems.closest(field, schema.names()) + "'?)" : "")
                        + ", or whether an earlier step renamed or dropped it.");
        return false;
    }

    /**
     * Compiles a CEL expression against the input schema; reports errors and returns null on failure
     * (or when the schema is unknown, after a syntax check).
     */
    public CompiledExpression compile(String source, boolean condition, String pointer) {
        if (input == null) {
            String error = ExpressionCompiler.syntaxError(source);
            if (error != null) {
                problems.add(pointer, describe() + ": CEL expression does not parse, " + error + ".", CEL_FIX);
            }
            return null;
        }
        if (compiler == null) {
            compiler = new ExpressionCompiler(input);
        }
        Compilation result = compiler.compile(source, condition);
        if (result instanceof Compilation.Compiled c) {
            return c.expression();
        }
        problems.add(pointer, describe() + ": CEL expression '" + source + "' is invalid, "
                + ((Compilation.Failed) result).message() + ".", CEL_FIX);
        return null;
    }

    private static final String CEL_FIX = "Refer to fields as row.<field> with fields that exist at this step; "
            + "compare numbers of the same type (1.0 for double fields, 1 for long fields); see the CEL language definition.";
}
