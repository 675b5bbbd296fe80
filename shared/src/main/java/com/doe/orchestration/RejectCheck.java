package com.doe.orchestration;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides after each stage whether the run has rejected too many rows. Runs inside the
 * orchestration, so it must be a pure function of its arguments.
 */
@FunctionalInterface
public interface RejectCheck {

    /** @return why the run must fail, or empty */
    Optional<String> violation(RunInput input, List<StageSummary> completed);

    /**
     * The validate steps' {@code maxRejectRatio}: rows rejected by the step / rows read must not
     * exceed the step's limit ({@link RunPolicy#maxRejectRatio}).
     */
    RejectCheck STEP_LIMITS = (input, completed) -> {
        long read = input.ingest().rowsIn();
        if (read == 0 || completed.isEmpty()) {
            return Optional.empty();
        }
        StageSummary last = completed.get(completed.size() - 1);
        for (Map.Entry<String, Double> limit : new java.util.TreeMap<>(input.policy().maxRejectRatio()).entrySet()) {
            long rejected = 0;
            for (StageSummary s : completed) {
                rejected += s.totals().stepRejected().getOrDefault(limit.getKey(), 0L);
            }
            double ratio = (double) rejected / read;
            if (ratio > limit.getValue()) {
                return Optional.of(String.format(java.util.Locale.ROOT,
                        "stage %s: step '%s' rejected %d of %d rows read (%.4f), more than its maxRejectRatio %s; "
                                + "see the quarantine for the reasons", last.name(), limit.getKey(), rejected, read,
                        ratio, limit.getValue()));
            }
        }
        return Optional.empty();
    };
}
