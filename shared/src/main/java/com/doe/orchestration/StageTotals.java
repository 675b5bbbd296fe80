package com.doe.orchestration;

import com.doe.stats.StageStats;
import com.doe.stats.StepStats;
import java.util.HashMap;
import java.util.Map;

/**
 * Counters of a stage for one chunk, or summed over chunks: the part of {@link StageStats} the run
 * record and the reject-ratio check need, flat enough to travel in orchestration history.
 *
 * @param stepRejected rows rejected per step id
 * @param ruleFailures rows failing per rule id (warnings included)
 */
public record StageTotals(long rowsIn, long rowsOut, long rejected, long filtered, long nanos,
                          Map<String, Long> stepRejected, Map<String, Long> ruleFailures) {

    public static final StageTotals ZERO = new StageTotals(0, 0, 0, 0, 0, Map.of(), Map.of());

    public StageTotals {
        stepRejected = stepRejected == null ? Map.of() : Map.copyOf(stepRejected);
        ruleFailures = ruleFailures == null ? Map.of() : Map.copyOf(ruleFailures);
    }

    public static StageTotals of(StageStats stats) {
        Map<String, Long> steps = new HashMap<>();
        Map<String, Long> rules = new HashMap<>();
        for (StepStats s : stats.steps()) {
            steps.merge(s.stepId(), s.rejected(), Long::sum);
            s.ruleFailures().forEach((k, v) -> rules.merge(k, v, Long::sum));
            s.warnings().forEach((k, v) -> rules.merge(k, v, Long::sum));
        }
        return new StageTotals(stats.rowsIn(), stats.rowsOut(), stats.rejected(), stats.filtered(), stats.nanos(),
                steps, rules);
    }

    public StageTotals plus(StageTotals o) {
        return new StageTotals(rowsIn + o.rowsIn, rowsOut + o.rowsOut, rejected + o.rejected, filtered + o.filtered,
                nanos + o.nanos, merge(stepRejected, o.stepRejected), merge(ruleFailures, o.ruleFailures));
    }

    /** As {@link StageStats} of stage {@code name}, without per-step detail. */
    public StageStats toStats(String name) {
        return new StageStats(name, rowsIn, rowsOut, rejected, filtered, java.util.List.of(), nanos);
    }

    private static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> m = new HashMap<>(a);
        b.forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }
}
