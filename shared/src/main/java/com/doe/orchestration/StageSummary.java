package com.doe.orchestration;

/**
 * A finished stage of a run.
 *
 * @param tasks      the stage's tasks (chunks, or 1 for a whole-run stage)
 * @param attempts   dispatches it took (1 when nothing was re-dispatched)
 * @param durationMs from the first dispatch to the last task done, in orchestration time
 */
public record StageSummary(int index, String name, StageTotals totals, int tasks, int attempts, long durationMs) {
}
