package com.doe.worker;

import com.doe.chunk.ChunkStore;
import com.doe.stats.StageStats;
import java.util.List;

/**
 * A compiled stage that runs once per run over every chunk of its input (a single task, chunk -1):
 * an {@code ml} stage of {@code train} steps. It reads the input chunks itself, writes one output
 * chunk per input chunk (so later per-chunk stages find theirs) and returns the stage's counters for
 * the whole run. Its {@link #process} is the per-chunk view of the same stage (rows passing through).
 *
 * <p>Contract: idempotent per run (a re-delivered task writes the same chunk bytes and stores nothing
 * new); thread-safe.
 */
public interface WholeRunStage extends ChunkStage {

    /**
     * What the stage did over the run.
     *
     * @param stats    counters over every chunk
     * @param chunks   input chunks read
     * @param outputs  what it stored besides its chunks, e.g. {@code models/churn/3}
     * @param warnings things the run's users should know that do not fail it (a model not promoted)
     */
    record Result(StageStats stats, int chunks, List<String> outputs, List<String> warnings) {
        public Result {
            outputs = List.copyOf(outputs);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Runs the stage over every input chunk of run {@code runId}.
     *
     * @throws com.doe.DoeException when the input is incomplete or training fails (retryable when the
     *                              failure may pass)
     */
    Result runWhole(String runId, ChunkStore chunks);
}
