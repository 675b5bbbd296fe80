package com.doe.pipeline;

import java.util.List;

/**
 * A parsed and checked pipeline definition. Immutable.
 *
 * @param id          pipeline id, {@code [a-z0-9][a-z0-9-]{1,62}}
 * @param description free text, may be null
 * @param source      how files are read
 * @param steps       the steps in order
 * @param settings    run settings
 * @param version     a fingerprint of the definition's content (SHA-256 of its canonical JSON, 16 hex digits):
 *                    expressions are compiled once per version
 */
public record PipelineDefinition(String id, String description, SourceDefinition source, List<StepDefinition> steps,
                                 RunSettings settings, String version) {

    public PipelineDefinition {
        steps = List.copyOf(steps);
    }
}
