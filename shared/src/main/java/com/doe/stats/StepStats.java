package com.doe.stats;

import java.util.Map;

/**
 * Counters of one step within a stage (or summed over a run).
 *
 * @param stepId       the step
 * @param rowsIn       rows that reached the step
 * @param rowsOut      rows it passed on
 * @param rejected     rows it rejected (quarantined or dropped by onFail)
 * @param filtered     rows it removed without error (filter false, duplicates, enrich drop)
 * @param ruleFailures per rule id, how many rows failed it at severity error
 * @param warnings     per rule id, how many rows failed it at severity warn
 */
public record StepStats(String stepId, long rowsIn, long rowsOut, long rejected, long filtered,
                        Map<String, Long> ruleFailures, Map<String, Long> warnings) {

    public StepStats {
        ruleFailures = Map.copyOf(ruleFailures);
        warnings = Map.copyOf(warnings);
    }

    public StepStats plus(StepStats o) {
        return new StepStats(stepId, rowsIn + o.rowsIn, rowsOut + o.rowsOut, rejected + o.rejected, filtered + o.filtered,
                StageStats.sum(ruleFailures, o.ruleFailures), StageStats.sum(warnings, o.warnings));
    }
}
