package com.doe.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters of one stage for one chunk, or summed over the run's chunks with {@link #plus}. Within a
 * stage, rowsIn = rowsOut + rejected + filtered.
 *
 * @param stage    the stage name ({@code ingest}, {@code transform-1}, ...)
 * @param rowsIn   rows entering (for ingest: rows read from the file, malformed ones included)
 * @param rowsOut  rows written to the stage's output chunks
 * @param rejected rows rejected (quarantined or dropped)
 * @param filtered rows removed without error
 * @param steps    per-step counters in step order (empty for ingest)
 * @param nanos    processing time
 */
public record StageStats(String stage, long rowsIn, long rowsOut, long rejected, long filtered, List<StepStats> steps,
                         long nanos) {

    public StageStats {
        steps = List.copyOf(steps);
    }

    public boolean isBalanced() {
        return rowsIn == rowsOut + rejected + filtered;
    }

    /** Rows per second of processing time. */
    public double rowsPerSecond() {
        return nanos == 0 ? 0 : rowsIn * 1e9 / nanos;
    }

    public StageStats plus(StageStats o) {
        List<StepStats> merged = new ArrayList<>();
        for (int i = 0; i < Math.max(steps.size(), o.steps.size()); i++) {
            merged.add(i >= steps.size() ? o.steps.get(i) : i >= o.steps.size() ? steps.get(i) : steps.get(i).plus(o.steps.get(i)));
        }
        return new StageStats(stage, rowsIn + o.rowsIn, rowsOut + o.rowsOut, rejected + o.rejected, filtered + o.filtered,
                merged, nanos + o.nanos);
    }

    static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> m = new HashMap<>(a);
        b.forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }
}
