package com.doe.run;

import java.util.List;

/**
 * One stage of a run as users see it in {@code GET /api/runs/{runId}}.
 *
 * @param index      0 for ingest, then the planned stages in order
 * @param kind       {@code ingest}, {@code transform}, {@code ml} or {@code load}
 * @param steps      the ids of the steps the stage runs
 * @param status     Pending, Running, Completed or Failed
 * @param chunks     chunks of the stage
 * @param attempts   dispatches of chunks so far, re-dispatches included
 * @param durationMs from the first dispatch to the last chunk done
 */
public record StageRecord(int index, String kind, List<String> steps, RunStatus status, long rowsIn, long rowsOut,
                          long rejected, int chunks, int attempts, long durationMs) {

    public StageRecord {
        steps = List.copyOf(steps);
    }
}
