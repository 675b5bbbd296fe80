package com.doe.plan.internal;

import com.doe.quarantine.RuleFailure;
import com.doe.step.RowContext;
import com.doe.stats.StepStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-step counters of one chunk, and the {@link RowContext} steps report to. Not thread-safe: one per
 * chunk being processed.
 */
public final class StageCounters implements RowContext {

    public final long[] in;
    public final long[] out;
    public final long[] rejected;
    public final long[] filtered;
    private final List<Map<String, Long>> failures = new ArrayList<>();
    private final List<Map<String, Long>> warnings = new ArrayList<>();

    private int step;
    private List<RuleFailure> rejection;
    private OnFail onFail;
    private String filterReason;

    public StageCounters(int steps) {
        in = new long[steps];
        out = new long[steps];
        rejected = new long[steps];
        filtered = new long[steps];
        for (int i = 0; i < steps; i++) {
            failures.add(new HashMap<>());
            warnings.add(new HashMap<>());
        }
    }

    /** Starts a row at a step. */
    public void begin(int stepIndex) {
        step = stepIndex;
        rejection = null;
        filterReason = null;
    }

    @Override
    public void reject(List<RuleFailure> failures, OnFail onFail) {
        this.rejection = failures;
        this.onFail = onFail;
    }

    @Override
    public void filter(String reason) {
        this.filterReason = reason;
    }

    @Override
    public void ruleFailed(String rule, boolean warnOnly) {
        (warnOnly ? warnings : failures).get(step).merge(rule, 1L, Long::sum);
    }

    public List<RuleFailure> rejection() {
        return rejection;
    }

    public OnFail onFail() {
        return onFail;
    }

    public String filterReason() {
        return filterReason;
    }

    public StepStats stats(int i, String stepId) {
        return new StepStats(stepId, in[i], out[i], rejected[i], filtered[i], failures.get(i), warnings.get(i));
    }
}
