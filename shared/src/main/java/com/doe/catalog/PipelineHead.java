package com.doe.catalog;

import java.time.Instant;

/**
 * The mutable state of a pipeline: its newest and active versions and whether it accepts files.
 * Versions {@code 1..latestVersion} all exist; {@code activeVersion} is the one new runs use.
 *
 * @param pipelineId    the pipeline
 * @param latestVersion the highest version number stored
 * @param activeVersion the version new runs use
 * @param enabled       false after {@code DELETE}: new files are refused, history is kept
 * @param updatedAt     last change
 */
public record PipelineHead(String pipelineId, int latestVersion, int activeVersion, boolean enabled,
                           Instant updatedAt) {

    /** The head after storing {@code version} and making it active (a save also re-enables). */
    PipelineHead activate(int version, Instant now) {
        return new PipelineHead(pipelineId, Math.max(latestVersion, version), version, true, now);
    }

    /** The head after an unfinished save's version {@code version} was found and counted, unactivated. */
    PipelineHead adopt(int version, Instant now) {
        return new PipelineHead(pipelineId, Math.max(latestVersion, version), activeVersion, enabled, now);
    }

    PipelineHead disable(Instant now) {
        return new PipelineHead(pipelineId, latestVersion, activeVersion, false, now);
    }
}
