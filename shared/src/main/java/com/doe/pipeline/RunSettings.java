package com.doe.pipeline;

import java.time.Duration;

/**
 * Run settings of a pipeline ({@code settings} in the definition).
 *
 * @param chunkRows    maximum rows per chunk (unit of work between stages)
 * @param maxAttempts  attempts per stage activity before the run fails
 * @param stageTimeout time allowed for one stage activity
 */
public record RunSettings(int chunkRows, int maxAttempts, Duration stageTimeout) {

    public static final RunSettings DEFAULTS = new RunSettings(10_000, 3, Duration.ofMinutes(10));
}
