package com.doe.orchestration;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tasks of a run's stage have reported, shared by {@link StageDoneRelay} (which records) and
 * the orchestration's activities (which read). One marker per task outcome; every write is
 * first-write-wins, so redelivered {@code StageDone} events change nothing:
 * <ul>
 *   <li>done: {@code work/{runId}/{stage}/_done/{chunk}.json} with the chunk's counters. Once a chunk
 *       is done it stays done, whatever later attempts report.</li>
 *   <li>failed: {@code work/{runId}/{stage}/_failed/{chunk}.{attempt}.json} with the error, one per
 *       attempt, so a later attempt of the same chunk can succeed or fail on its own.</li>
 * </ul>
 * Chunk {@code -1} is the single task of a whole-run stage. Implementations are thread-safe.
 */
public interface StageProgress {

    /** Records that {@code chunk} is done; false when it was already (the first counters are kept). */
    boolean markDone(String runId, String stage, int chunk, StageTotals totals);

    /** Records a failed attempt of {@code chunk}; false when that attempt was already recorded. */
    boolean markFailed(String runId, String stage, ChunkFailure failure);

    /** The done chunks' indexes (names only: cheap enough to call per event). */
    Set<Integer> doneChunks(String runId, String stage);

    /** The done chunks with their counters. */
    Map<Integer, StageTotals> done(String runId, String stage);

    /** Every recorded failure of the stage, any attempt. */
    List<ChunkFailure> failures(String runId, String stage);
}
