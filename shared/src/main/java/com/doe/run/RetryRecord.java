package com.doe.run;

import java.time.Instant;
import java.util.Objects;

/**
 * One retry of a run ({@code POST /api/runs/{runId}/retry}), as {@code GET /api/runs/{runId}} lists
 * it under {@code retries}, oldest first: where the run resumed, and how and why it had ended before.
 *
 * @param at                 when the retry was accepted
 * @param fromStage          the index of the stage the retry resumed (1 for the first stage after ingest)
 * @param stage              that stage's name, e.g. {@code load-2}
 * @param previousStatus     how the run had ended: {@code Failed} or {@code Cancelled}
 * @param previousFinishedAt when it had ended
 * @param reason             why it had ended: the record's {@code error} before the retry
 */
public record RetryRecord(Instant at, int fromStage, String stage, RunStatus previousStatus,
                          Instant previousFinishedAt, String reason) {

    public RetryRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(previousStatus, "previousStatus");
    }
}
