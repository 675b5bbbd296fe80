package com.doe.orchestration;

import java.util.Collection;
import java.util.Map;

/**
 * Where a stage stands for one attempt (dispatch), computed from {@link StageProgress}. A task is
 * done once any attempt of it succeeded; failed when it is not done and the failure answers this
 * attempt; pending otherwise (not yet reported, or only older attempts reported).
 *
 * @param tasks        the stage's task count
 * @param done         tasks done
 * @param failed       tasks failed in this attempt (retryable or not)
 * @param pending      tasks that have not reported for this attempt
 * @param permanent    the first permanent failure of this attempt (lowest chunk), or null
 * @param firstFailure the first failure of this attempt (lowest chunk), or null
 * @param firstPending the lowest pending chunk, or -2 when none
 * @param totals       counters summed over the done tasks
 */
public record StageReport(int attempt, int tasks, int done, int failed, int pending, ChunkFailure permanent,
                          ChunkFailure firstFailure, int firstPending, StageTotals totals) {

    public static final int NONE = -2;

    /** The chunk indexes of a stage's tasks: 0..tasks-1, or just -1 for a whole-run stage. */
    public static int[] chunks(int tasks, boolean wholeRun) {
        return wholeRun ? new int[] {-1} : java.util.stream.IntStream.range(0, tasks).toArray();
    }

    /**
     * @param chunks     the stage's task chunk indexes ({@link #chunks})
     * @param doneChunks the done tasks' chunk indexes and counters; others are ignored
     * @param failures   every failure reported for the stage, any attempt
     */
    public static StageReport of(int attempt, int[] chunks, Map<Integer, StageTotals> doneChunks,
                                 Collection<ChunkFailure> failures) {
        Map<Integer, ChunkFailure> failedNow = new java.util.HashMap<>();
        for (ChunkFailure f : failures) {
            if (f.attempt() == attempt && !doneChunks.containsKey(f.chunk())) {
                failedNow.putIfAbsent(f.chunk(), f);
            }
        }
        StageTotals totals = StageTotals.ZERO;
        int done = 0;
        int failed = 0;
        int firstPending = NONE;
        ChunkFailure permanent = null;
        ChunkFailure first = null;
        for (int c : chunks) {
            StageTotals t = doneChunks.get(c);
            ChunkFailure f = failedNow.get(c);
            if (t != null) {
                done++;
                totals = totals.plus(t);
            } else if (f != null) {
                failed++;
                first = first == null ? f : first;
                permanent = permanent == null && !f.retryable() ? f : permanent;
            } else if (firstPending == NONE) {
                firstPending = c;
            }
        }
        return new StageReport(attempt, chunks.length, done, failed, chunks.length - done - failed, permanent, first,
                firstPending, totals);
    }
}
