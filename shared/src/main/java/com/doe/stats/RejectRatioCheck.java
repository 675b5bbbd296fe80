package com.doe.stats;

import com.doe.pipeline.Pipeline;
import com.doe.pipeline.StepDefinition;
import com.doe.step.validate.ValidateConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides the {@code maxRejectRatio} of a pipeline's validate steps: the run fails when the rows a
 * step rejected (quarantined or dropped) divided by the rows read from the source exceeds the step's
 * limit. The orchestrator calls {@link #check} (or {@link #enforce}) with the run's stats after the
 * ingest stage and after each chunk of a later stage. Once ingest is done the number of rows read is
 * final and a step's rejections only grow, so a run failed early would have failed at the end too.
 * Immutable and thread-safe; build one per pipeline version.
 */
public final class RejectRatioCheck {

    /** A validate step's limit. */
    private record Limit(String stepId, double maxRatio) {
    }

    /**
     * A step over its limit.
     *
     * @param pipelineId the pipeline
     * @param stepId   the validate step
     * @param rejected rows the step rejected so far
     * @param read     rows read from the source file
     * @param limit    the step's {@code maxRejectRatio}
     */
    public record Breach(String pipelineId, String stepId, long rejected, long read, double limit) {

        /** The breach when {@code rejected / read} exceeds {@code limit}; never before a row was read. */
        public static Optional<Breach> ifOver(String pipelineId, String stepId, long rejected, long read, double limit) {
            return read > 0 && (double) rejected / read > limit
                    ? Optional.of(new Breach(pipelineId, stepId, rejected, read, limit))
                    : Optional.empty();
        }

        public double ratio() {
            return (double) rejected / read;
        }

        /** Says which step, its ratio with the counts, the limit, and what to do. */
        public String message() {
            return String.format(Locale.ROOT, "Pipeline '%s': step '%s' rejected %,d of %,d rows read (ratio %.4f), over its "
                    + "maxRejectRatio %s, so the run fails. See the run's quarantine for the reasons; fix the data, "
                    + "or raise maxRejectRatio if this share of bad rows is acceptable.", pipelineId, stepId, rejected, read,
                    ratio(), limit);
        }
    }

    private final String pipelineId;
    private final List<Limit> limits;

    private RejectRatioCheck(String pipelineId, List<Limit> limits) {
        this.pipelineId = pipelineId;
        this.limits = List.copyOf(limits);
    }

    /** The check for every validate step of {@code pipeline} that sets {@code maxRejectRatio}. */
    public static RejectRatioCheck of(Pipeline pipeline) {
        List<Limit> limits = new ArrayList<>();
        for (StepDefinition step : pipeline.definition().steps()) {
            if (step.config() instanceof ValidateConfig v && v.maxRejectRatio() != null) {
                limits.add(new Limit(step.id(), v.maxRejectRatio()));
            }
        }
        return new RejectRatioCheck(pipeline.id(), limits);
    }

    /** Whether any step sets a limit (if not, {@link #check} never fails). */
    public boolean hasLimits() {
        return !limits.isEmpty();
    }

    /**
     * The first step, in pipeline order, whose rejections exceed its limit.
     *
     * @param stages the run's stats so far, one entry per stage in order, each summed over the chunks
     *               done so far ({@link StageStats#plus}); the first is the completed ingest stage
     * @return the breach, or empty while the run may go on (always empty before any row was read)
     */
    public Optional<Breach> check(List<StageStats> stages) {
        if (limits.isEmpty() || stages.isEmpty()) {
            return Optional.empty();
        }
        long read = stages.get(0).rowsIn();
        for (Limit limit : limits) {
            Optional<Breach> breach = Breach.ifOver(pipelineId, limit.stepId(), rejectedBy(limit.stepId(), stages), read,
                    limit.maxRatio());
            if (breach.isPresent()) {
                return breach;
            }
        }
        return Optional.empty();
    }

    /**
     * Same as {@link #check}, failing the run.
     *
     * @throws RunRejectedException when a step is over its limit
     */
    public void enforce(List<StageStats> stages) {
        check(stages).ifPresent(b -> {
            throw new RunRejectedException(b.stepId(), b.message());
        });
    }

    private static long rejectedBy(String stepId, List<StageStats> stages) {
        long n = 0;
        for (StageStats stage : stages) {
            for (StepStats step : stage.steps()) {
                if (step.stepId().equals(stepId)) {
                    n += step.rejected();
                }
            }
        }
        return n;
    }
}
