package com.doe.orchestration;

import com.doe.pipeline.RunSettings;
import java.time.Duration;
import java.util.Map;

/**
 * How a run retries and when it gives up. Durations are in milliseconds so that the policy travels
 * unchanged through the orchestration's JSON input.
 *
 * @param maxAttempts        dispatches of a stage's unfinished tasks before the run fails (at least 1)
 * @param stageTimeoutMillis how long one dispatch may take before its unfinished tasks count as timed out
 * @param firstRetryMillis   the delay before the second dispatch; doubled for each further one
 * @param maxRetryMillis     the longest delay between dispatches
 * @param maxRejectRatio     per step id, the largest rows-rejected-by-the-step / rows-read allowed
 */
public record RunPolicy(int maxAttempts, long stageTimeoutMillis, long firstRetryMillis, long maxRetryMillis,
                        Map<String, Double> maxRejectRatio) {

    public static final long FIRST_RETRY_MILLIS = 5_000;
    public static final long MAX_RETRY_MILLIS = 300_000;

    public RunPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (stageTimeoutMillis <= 0) {
            throw new IllegalArgumentException("stageTimeout must be positive: " + stageTimeoutMillis + " ms");
        }
        maxRejectRatio = maxRejectRatio == null ? Map.of() : Map.copyOf(maxRejectRatio);
    }

    public static RunPolicy of(RunSettings settings, Map<String, Double> maxRejectRatio) {
        return new RunPolicy(settings.maxAttempts(), settings.stageTimeout().toMillis(), FIRST_RETRY_MILLIS,
                MAX_RETRY_MILLIS, maxRejectRatio);
    }

    /** The delay after dispatch {@code attempt} failed: first, 2 x first, 4 x first... capped at max. */
    public Duration backoffAfter(int attempt) {
        long delay = firstRetryMillis;
        for (int i = 1; i < attempt && delay < maxRetryMillis; i++) {
            delay *= 2;
        }
        return Duration.ofMillis(Math.min(delay, maxRetryMillis));
    }
}
