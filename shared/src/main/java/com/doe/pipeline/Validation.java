package com.doe.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating a definition.
 *
 * @param definition the parsed definition when its structure is sound (even if semantic problems
 *                   remain), else null
 * @param pipeline   the compiled pipeline when there are no problems and the schema is known, else null
 * @param problems   every problem found, empty when valid
 */
public record Validation(PipelineDefinition definition, Pipeline pipeline, List<Problem> problems) {

    public Validation {
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    public Optional<Pipeline> compiled() {
        return Optional.ofNullable(pipeline);
    }

    /** The compiled pipeline, or an {@link InvalidPipelineException} listing every problem. */
    public Pipeline orThrow() {
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(definition == null ? null : definition.id(), problems);
        }
        if (pipeline == null) {
            throw new com.doe.DoeException("Pipeline '" + definition.id() + "' has no source.schema: infer it from a "
                    + "file first (SchemaInference) and validate again with the inferred schema.");
        }
        return pipeline;
    }
}
