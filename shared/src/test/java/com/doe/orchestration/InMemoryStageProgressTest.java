package com.doe.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryStageProgressTest {

    private final InMemoryStageProgress progress = new InMemoryStageProgress();

    @Test
    void firstDoneMarkerWins() {
        StageTotals first = new StageTotals(10, 10, 0, 0, 1, Map.of(), Map.of());
        assertThat(progress.markDone("r", "s", 0, first)).isTrue();
        assertThat(progress.markDone("r", "s", 0, StageTotals.ZERO)).isFalse();
        assertThat(progress.done("r", "s")).containsExactly(Map.entry(0, first));
        assertThat(progress.done("r", "other")).isEmpty();
    }

    @Test
    void keepsOneFailurePerChunkAndAttempt() {
        assertThat(progress.markFailed("r", "s", new ChunkFailure(3, 1, true, "a"))).isTrue();
        assertThat(progress.markFailed("r", "s", new ChunkFailure(3, 1, false, "b"))).isFalse();
        assertThat(progress.markFailed("r", "s", new ChunkFailure(3, 2, false, "c"))).isTrue();
        assertThat(progress.failures("r", "s")).extracting(ChunkFailure::message).containsExactly("a", "c");
    }
}
