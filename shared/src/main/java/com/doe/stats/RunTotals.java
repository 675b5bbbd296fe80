package com.doe.stats;

import java.util.List;

/**
 * Totals of a run over its stages (each summed over its chunks), with the run invariant
 * read = written + rejected + filtered.
 *
 * @param read     rows read from the source file (the first stage's rowsIn)
 * @param written  rows leaving the last stage
 * @param rejected rows rejected by any stage (reader included)
 * @param filtered rows removed without error by any stage
 */
public record RunTotals(long read, long written, long rejected, long filtered) {

    /** @param stages the run's stages in order, each already summed over chunks; the first is the ingest stage */
    public static RunTotals of(List<StageStats> stages) {
        if (stages.isEmpty()) {
            return new RunTotals(0, 0, 0, 0);
        }
        long rejected = stages.stream().mapToLong(StageStats::rejected).sum();
        long filtered = stages.stream().mapToLong(StageStats::filtered).sum();
        return new RunTotals(stages.get(0).rowsIn(), stages.get(stages.size() - 1).rowsOut(), rejected, filtered);
    }

    public boolean isBalanced() {
        return read == written + rejected + filtered;
    }

    /** Rejected / read, 0 for an empty run. */
    public double rejectRatio() {
        return read == 0 ? 0 : (double) rejected / read;
    }
}
