package com.doe.orchestration;

import com.doe.stats.RejectRatioCheck;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
     * exceed the step's limit ({@link RunPolicy#maxRejectRatio}); the same rule and message as
     * {@link RejectRatioCheck}, over the orchestration's serialisable stage summaries.
     */
    RejectCheck STEP_LIMITS = (input, completed) -> {
        if (completed.isEmpty()) {
            return Optional.empty();
        }
        StageSummary last = completed.get(completed.size() - 1);
        for (Map.Entry<String, Double> limit : new TreeMap<>(input.policy().maxRejectRatio()).entrySet()) {
            long rejected = 0;
            for (StageSummary stage : completed) {
                rejected += stage.totals().stepRejected().getOrDefault(limit.getKey(), 0L);
            }
            Optional<RejectRatioCheck.Breach> breach = RejectRatioCheck.Breach.ifOver(input.pipelineId(),
                    limit.getKey(), rejected, input.ingest().rowsIn(), limit.getValue());
            if (breach.isPresent()) {
                return Optional.of("stage " + last.name() + ": " + breach.get().message());
            }
        }
        return Optional.empty();
    };
}
