package com.doe.orchestration;

import com.doe.run.RetryRecord;
import com.doe.run.RunLedger;
import com.doe.run.RunRecord;
import com.doe.run.RunStatus;
import com.doe.run.StageRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic behind {@code POST /api/runs/{runId}/retry}: resumes a {@code Failed} or {@code Cancelled}
 * run from the stage where it stopped, under the same run id, pipeline version and chunks.
 *
 * <ol>
 *   <li>The run's durable instance has ended; its last execution's input is the {@link RunState} the
 *       run stopped in (the stages finished before, with their counters, and the stage it was in).</li>
 *   <li>The run record is reopened ({@link RunLedger#reopen}, ETag-conditional, so of two concurrent
 *       retries one wins): {@code Running}, the error moved to {@code retries}.</li>
 *   <li>A new instance with the run id is started from that state, its stage's dispatches numbered
 *       after the ones the run made ({@link RunState#retried}). The finished stages are not run again;
 *       in the resumed stage only the tasks without a {@code _done/} marker are dispatched.</li>
 * </ol>
 *
 * Refused: a run that is not finished or has completed; one that failed before its file was stored in
 * chunks (an unknown or disabled pipeline, an unreadable file: upload the file again, which is a new
 * run); one that failed its {@code maxRejectRatio} check (the same version on the same rows fails the
 * same way); one whose instance is gone (purged). Thread-safe.
 */
public final class RetryRun {

    /** How long to wait for an instance whose run record has ended to end too (it completes right after). */
    public static final Duration FINISH_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(RetryRun.class);

    /** What a retry request came to. */
    public sealed interface Outcome {
    }

    /** The run is running again from {@code retry.fromStage()}; {@code record} as stored. */
    public record Started(RunRecord record, RetryRecord retry) implements Outcome {
    }

    /** No run has the id. */
    public record NotFound(String message) implements Outcome {
    }

    /**
     * The run cannot be retried now ({@code code} {@code run_not_finished}) or at all
     * ({@code run_completed}, {@code run_not_retryable}); {@code message} says why and what to do.
     */
    public record Refused(String code, String message) implements Outcome {
    }

    private final RunLedger runs;
    private final RunInstances instances;
    private final Clock clock;
    private final Duration finishWait;

    public RetryRun(RunLedger runs, RunInstances instances, Clock clock, Duration finishWait) {
        this.runs = runs;
        this.instances = instances;
        this.clock = clock;
        this.finishWait = finishWait;
    }

    public Outcome retry(String runId) {
        Optional<RunRecord> found = runs.get(runId);
        if (found.isEmpty()) {
            return new NotFound("Run '" + runId + "' does not exist. GET /api/runs lists runs, newest first.");
        }
        RunRecord record = found.get();
        switch (record.status()) {
            case Pending, Running -> {
                return notFinished(runId, "is " + record.status() + "; only a Failed or Cancelled run can be retried. "
                        + "Wait for it to finish, or cancel it (POST /api/runs/" + runId + "/cancel), then retry.");
            }
            case Completed -> {
                return new Refused("run_completed", "Run '" + runId + "' has completed; there is nothing to retry. "
                        + "To process the file again, upload it again: a new upload is a new run.");
            }
            default -> {
            }
        }
        if (record.stages().isEmpty()) {
            return notRetryable(runId, "failed before its file was stored in chunks, so there is nothing to resume: "
                    + record.error() + " Fix the cause, then upload the file again; the new upload is a new run.");
        }
        Optional<RunInstances.Instance> instance = instances.find(runId);
        if (instance.isPresent() && !instance.get().finished()) {
            instance = instances.awaitFinished(runId, finishWait);
        }
        if (instance.isEmpty() || instance.get().state() == null) {
            return notRetryable(runId, "cannot be resumed: its orchestration state is gone (the durable instance was "
                    + "purged). Upload the file again to start a new run.");
        }
        if (!instance.get().finished()) {
            return notFinished(runId, "has ended but its orchestration is still finishing; try again in a few seconds.");
        }
        RunState last = instance.get().state();
        if (last.next() > last.input().stages().size()) {
            return notRetryable(runId, "has no stage to resume.");
        }
        StagePlan stage = last.stage();
        StageRecord stopped = record.stages().stream().filter(s -> s.index() == stage.index()).findFirst().orElse(null);
        if (stopped == null) {
            return notRetryable(runId, "cannot be resumed: its record has no stage " + stage.index() + " ("
                    + stage.name() + "), where its orchestration stopped.");
        }
        if (record.status() == RunStatus.Failed && stopped.status() != RunStatus.Failed) {
            return notRetryable(runId, "did not fail in a stage but in a check after stage " + stage.name() + ": "
                    + record.error() + " A retry runs the same pipeline version on the same rows and would fail the "
                    + "same way. Fix the data, or the pipeline (a new version), then upload the file again.");
        }
        RetryRecord retry = new RetryRecord(clock.instant(), stage.index(), stage.name(), record.status(),
                record.finishedAt(), record.error());
        Optional<RunRecord> reopened = runs.reopen(runId, current -> current.status() == record.status()
                && Objects.equals(current.finishedAt(), record.finishedAt()), current -> current.retried(retry));
        if (reopened.isEmpty()) {
            return notFinished(runId, "was retried by another request meanwhile; GET /api/runs/" + runId
                    + " shows it.");
        }
        start(runId, last.retried(stopped.attempts()), record);
        LOG.info("Run {} retried from stage {} after {} attempt(s) of it; it was {}: {}", runId, stage.name(),
                stopped.attempts(), record.status(), record.error());
        return new Started(reopened.get(), retry);
    }

    /**
     * Starts the new instance; when that fails and no instance runs, puts the record back as it was so
     * that the run can be retried again, and rethrows.
     */
    private void start(String runId, RunState state, RunRecord before) {
        try {
            instances.start(runId, state);
        } catch (RuntimeException e) {
            boolean running;
            try {
                running = instances.find(runId).map(i -> !i.finished()).orElse(false);
            } catch (RuntimeException unknown) {
                e.addSuppressed(unknown);
                running = false;
            }
            if (running) {
                LOG.warn("Run {}: starting its instance reported {}, but the instance runs; the retry stands", runId,
                        e.toString());
                return;
            }
            runs.update(runId, current -> before);
            throw e;
        }
    }

    private static Refused notFinished(String runId, String why) {
        return new Refused("run_not_finished", "Run '" + runId + "' " + why);
    }

    private static Refused notRetryable(String runId, String why) {
        return new Refused("run_not_retryable", "Run '" + runId + "' " + why);
    }
}
