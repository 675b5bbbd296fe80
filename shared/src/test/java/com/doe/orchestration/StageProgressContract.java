package com.doe.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StageProgress} must have; each implementation's test extends this class.
 * Run ids are unique per test instance so that stores shared between tests stay independent.
 */
abstract class StageProgressContract {

    /** The store under test, fresh or shared. */
    protected abstract StageProgress progress();

    protected final String run = "run-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @Test
    void firstDoneMarkerWins() {
        StageTotals first = new StageTotals(10, 7, 2, 1, 1_000, Map.of("checks", 2L), Map.of("range:lat", 2L));
        assertThat(progress().markDone(run, "s", 0, first)).isTrue();
        assertThat(progress().markDone(run, "s", 0, StageTotals.ZERO)).isFalse();
        assertThat(progress().done(run, "s")).containsExactly(Map.entry(0, first));
        assertThat(progress().done(run, "other")).isEmpty();
    }

    @Test
    void keepsOneFailurePerChunkAndAttempt() {
        assertThat(progress().markFailed(run, "s", new ChunkFailure(3, 1, true, "a"))).isTrue();
        assertThat(progress().markFailed(run, "s", new ChunkFailure(3, 1, false, "b"))).isFalse();
        assertThat(progress().markFailed(run, "s", new ChunkFailure(3, 2, false, "c"))).isTrue();
        assertThat(progress().failures(run, "s")).containsExactly(new ChunkFailure(3, 1, true, "a"),
                new ChunkFailure(3, 2, false, "c"));
    }

    @Test
    void listsDoneChunksInIndexOrderPerStage() {
        for (int chunk : new int[] {12, 0, 3}) {
            progress().markDone(run, "transform-1", chunk, StageTotals.ZERO);
        }
        progress().markDone(run, "transform-2", 7, StageTotals.ZERO);

        assertThat(progress().doneChunks(run, "transform-1")).containsExactlyInAnyOrder(0, 3, 12);
        assertThat(progress().done(run, "transform-1").keySet()).containsExactly(0, 3, 12);
        assertThat(progress().doneChunks(run, "transform-2")).containsExactly(7);
        assertThat(progress().doneChunks("another-run", "transform-1")).isEmpty();
    }

    @Test
    void sortsFailuresByChunkThenAttempt() {
        progress().markFailed(run, "s", new ChunkFailure(10, 2, true, "10.2"));
        progress().markFailed(run, "s", new ChunkFailure(2, 1, true, "2.1"));
        progress().markFailed(run, "s", new ChunkFailure(10, 1, true, "10.1"));

        assertThat(progress().failures(run, "s")).extracting(ChunkFailure::message).containsExactly("2.1", "10.1", "10.2");
        assertThat(progress().failures(run, "other")).isEmpty();
    }

    @Test
    void wholeRunTaskIsChunkMinusOne() {
        assertThat(progress().markDone(run, "ml-1", -1, StageTotals.ZERO)).isTrue();
        assertThat(progress().markFailed(run, "ml-1", new ChunkFailure(-1, 1, false, "x"))).isTrue();

        assertThat(progress().doneChunks(run, "ml-1")).containsExactly(-1);
        assertThat(progress().failures(run, "ml-1")).extracting(ChunkFailure::chunk).containsExactly(-1);
    }

    @Test
    void doneChunkStaysDoneWhateverLaterAttemptsReport() {
        progress().markDone(run, "s", 1, new StageTotals(5, 5, 0, 0, 1, Map.of(), Map.of()));
        progress().markFailed(run, "s", new ChunkFailure(1, 2, false, "late failure"));

        assertThat(progress().doneChunks(run, "s")).containsExactly(1);
        assertThat(progress().done(run, "s").get(1).rowsOut()).isEqualTo(5);
    }
}
