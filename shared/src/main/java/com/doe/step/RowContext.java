package com.doe.step;

import com.doe.quarantine.RuleFailure;
import java.util.List;

/**
 * Where a row step reports what happened to the current row besides passing it on. Provided by the
 * stage executor, one per executing thread; not thread-safe.
 */
public interface RowContext {

    /** What to do with a rejected row. */
    enum OnFail {
        /** Route the row to quarantine (the default). */
        QUARANTINE,
        /** Count it as rejected without storing it. */
        DROP,
        /** Fail the run at this row. */
        FAIL
    }

    /** The row leaves as rejected, with every failed rule; the step then returns null. */
    void reject(List<RuleFailure> failures, OnFail onFail);

    /** The row leaves as filtered (not an error: a filter condition or a duplicate); the step returns null. */
    void filter(String reason);

    /** Counts one failure of a rule, whether it rejects the row or only warns. */
    void ruleFailed(String rule, boolean warnOnly);
}
