package com.doe.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * One immutable version of a pipeline definition, numbered 1, 2, 3... per pipeline.
 *
 * @param pipelineId            the pipeline
 * @param version               the version number
 * @param definition            the definition as canonical JSON (keys sorted), as validated
 * @param fingerprint           a fingerprint of the definition's content (see {@code PipelineDefinition#version})
 * @param datasetSchemaVersion  the version of subject {@code dataset.<pipelineId>} registered for the
 *                              pipeline's output rows, or null when the schema is inferred at the first run
 * @param createdAt             when the version was saved
 */
public record PipelineVersion(String pipelineId, int version, String definition, String fingerprint,
                              Integer datasetSchemaVersion, Instant createdAt) {

    public PipelineVersion {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(createdAt, "createdAt");
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
    }
}
