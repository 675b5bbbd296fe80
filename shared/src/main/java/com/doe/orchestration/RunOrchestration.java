package com.doe.orchestration;

import com.doe.run.RunStatus;
import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOptions;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline run, as a durable orchestration (the {@code RunOrchestrator} function delegates to it).
 * Input: a {@link RunState}; output: a {@link RunResult}. Each execution runs one stage, then
 * continues as new with the next state (dropping unprocessed events), so the history of a run with
 * thousands of chunks holds one stage's events, and those are per stage attempt, not per chunk:
 * <ol>
 *   <li>{@link RecordProgress}: the run record shows the stage Running.</li>
 *   <li>{@link DispatchStageTasks}: one activity publishes a {@code StageTask} for every task of the
 *       stage that is not done (attempt n).</li>
 *   <li>Wait for the stage's event ({@link RunEvents#stage}), {@link RunEvents#CANCEL}, or the
 *       {@code stageTimeout} timer, whichever comes first. On the event, {@link InspectStage} reads
 *       the stage's progress: a permanent failure fails the run; all tasks done ends the stage; an
 *       attempt in which every unfinished task failed retryably, or the timeout, ends the attempt;
 *       anything else (a duplicate or late event) goes back to waiting.</li>
 *   <li>After a failed or timed-out attempt: fail when it was attempt {@code maxAttempts}, else wait
 *       the backoff (first retry delay, doubled per attempt, capped) on a durable timer and
 *       re-dispatch the unfinished tasks as attempt n+1.</li>
 *   <li>A retried run ({@code POST /api/runs/{runId}/retry}, see {@link RetryRun}) starts a new
 *       instance with its last execution's state: the stage that failed runs again, numbering its
 *       dispatches after the earlier ones ({@link RunState#attemptsBefore}), and its done tasks are
 *       not dispatched again.</li>
 *   <li>After the stage: the {@link RejectCheck}; then the next stage, or {@link FinishRun}.</li>
 * </ol>
 * {@code Cancel} ends the run as {@code Cancelled} at the next wait (or before the next stage).
 * Deterministic: time from the context, no I/O outside activities, no threads. Every activity is
 * retried on failure ({@link #ACTIVITY_RETRY}: storage or Kafka briefly unreachable); an activity
 * that still fails ends the run as {@code Failed} with the activity's error, through
 * {@link FinishRun}, so the run record never stays {@code Running} and the run can be retried. Only
 * when {@code FinishRun} itself keeps failing does the orchestration fail. Stateless and thread-safe.
 */
public final class RunOrchestration implements TaskOrchestration {

    public static final String NAME = "RunOrchestrator";

    private static final Logger LOG = LoggerFactory.getLogger(RunOrchestration.class);

    /**
     * Activities are idempotent: each is tried 5 times; the SDK waits first interval × coefficient^n
     * between tries, i.e. 10, 20, 40 and 60 s (capped).
     */
    static final TaskOptions ACTIVITY_RETRY = new TaskOptions(new RetryPolicy(5, Duration.ofSeconds(5))
            .setBackoffCoefficient(2.0).setMaxRetryInterval(Duration.ofMinutes(1)));

    private final RejectCheck rejectCheck;

    public RunOrchestration() {
        this(RejectCheck.STEP_LIMITS);
    }

    public RunOrchestration(RejectCheck rejectCheck) {
        this.rejectCheck = rejectCheck;
    }

    /** How a stage ended: done, or the run stops with a status and reason. */
    private sealed interface Outcome {
    }

    private record Done(StageSummary summary) implements Outcome {
    }

    private record Stop(RunStatus status, String reason, int attempts) implements Outcome {
    }

    @Override
    public void run(TaskOrchestrationContext ctx) {
        RunResult result = execute(ctx);
        ctx.complete(result);
    }

    /**
     * Runs the orchestration without completing it: returns the run's result once it has finished,
     * for callers that complete the instance themselves with the returned value (the Functions
     * durable middleware does). Continuing as new never returns.
     */
    public RunResult execute(TaskOrchestrationContext ctx) {
        RunState state = ctx.getInput(RunState.class);
        RunInput input = state.input();
        Task<Object> cancel = ctx.waitForExternalEvent(RunEvents.CANCEL, Object.class);
        if (state.next() > input.stages().size()) {
            return finish(ctx, new RunSnapshot(input, state.completed(), 0, RunStatus.Completed, 0), RunStatus.Completed, null);
        }
        StagePlan stage = state.stage();
        Attempts attempts = new Attempts(state.attemptsBefore());
        try {
            return runAndFinish(ctx, state, stage, cancel, attempts);
        } catch (TaskFailedException e) {
            String reason = "Stage " + stage.name() + " stopped: activity " + e.getTaskName() + " kept failing ("
                    + e.getErrorDetails().getErrorMessage() + "). Fix the cause, then retry the run with POST /api/runs/"
                    + input.runId() + "/retry.";
            return finish(ctx, new RunSnapshot(input, state.completed(), stage.index(), RunStatus.Failed, attempts.last),
                    RunStatus.Failed, reason);
        }
    }

    /** The highest attempt dispatched in this execution, so a failure records it (a retry numbers on from it). */
    private static final class Attempts {
        int last;

        Attempts(int before) {
            last = before;
        }
    }

    private RunResult runAndFinish(TaskOrchestrationContext ctx, RunState state, StagePlan stage, Task<Object> cancel,
                                   Attempts attempts) {
        RunInput input = state.input();
        ctx.callActivity(RecordProgress.NAME, new RunSnapshot(input, state.completed(), stage.index(), RunStatus.Running,
                state.attemptsBefore()), ACTIVITY_RETRY, Void.class).await();
        Outcome outcome = runStage(ctx, state, stage, cancel, attempts);
        if (outcome instanceof Stop stop) {
            return finish(ctx, new RunSnapshot(input, state.completed(), stage.index(), stop.status(), stop.attempts()),
                    stop.status(), stop.reason());
        }
        RunState next = state.after(((Done) outcome).summary());
        RunSnapshot after = new RunSnapshot(input, next.completed(), 0, RunStatus.Completed, 0);
        Optional<String> violation = rejectCheck.violation(input, next.completed());
        if (violation.isPresent()) {
            return finish(ctx, after, RunStatus.Failed, violation.get());
        } else if (next.next() > input.stages().size()) {
            return finish(ctx, after, RunStatus.Completed, null);
        } else if (cancel.isDone()) {
            return finish(ctx, after, RunStatus.Cancelled, "Cancelled on request after stage " + stage.name() + ".");
        }
        ctx.continueAsNew(next, false);
        throw new IllegalStateException("continueAsNew returned; the durabletask SDK ends the execution there");
    }

    private Outcome runStage(TaskOrchestrationContext ctx, RunState state, StagePlan stage, Task<Object> cancel,
                             Attempts attempts) {
        RunInput input = state.input();
        RunPolicy policy = input.policy();
        int tasks = stage.tasks(input.ingestChunks());
        Instant started = ctx.getCurrentInstant();
        Duration timeout = Duration.ofMillis(policy.stageTimeoutMillis());
        String eventName = RunEvents.stage(stage.index());
        Task<StageSignal> signal = ctx.waitForExternalEvent(eventName, StageSignal.class);
        int before = state.attemptsBefore();
        for (int attempt = before + 1; ; attempt++) {
            status(ctx, input, stage, attempt, null);
            attempts.last = attempt;
            int dispatched = ctx.callActivity(DispatchStageTasks.NAME, new DispatchStageTasks.Request(input.runId(),
                    input.pipelineId(), input.pipelineVersion(), input.datasetSchemaVersion(), stage, tasks, attempt),
                    ACTIVITY_RETRY, Integer.class).await();
            Task<Void> deadline = ctx.createTimer(timeout);
            boolean timedOut = false;
            boolean look = dispatched == 0;
            StageReport report;
            while (true) {
                if (!look) {
                    Task<?> first = ctx.anyOf(cancel, signal, deadline).await();
                    if (first == cancel) {
                        return new Stop(RunStatus.Cancelled, "Cancelled on request during stage " + stage.name() + ".",
                                attempt);
                    }
                    if (first == signal) {
                        signal = ctx.waitForExternalEvent(eventName, StageSignal.class);
                    }
                    timedOut = deadline.isDone();
                }
                look = false;
                report = ctx.callActivity(InspectStage.NAME, new InspectStage.Request(input.runId(), stage, tasks, attempt),
                        ACTIVITY_RETRY, StageReport.class).await();
                status(ctx, input, stage, attempt, report);
                if (report.permanent() != null) {
                    ChunkFailure f = report.permanent();
                    return new Stop(RunStatus.Failed, "Stage " + stage.name() + " failed: " + task(f.chunk())
                            + " failed permanently on attempt " + attempt + ": " + f.message(), attempt);
                }
                if (report.done() == tasks) {
                    long ms = Duration.between(started, ctx.getCurrentInstant()).toMillis();
                    // A retried stage whose tasks had all finished meanwhile took no dispatch of its own.
                    int taken = before > 0 && attempt == before + 1 && dispatched == 0 ? before : attempt;
                    return new Done(new StageSummary(stage.index(), stage.name(), report.totals(), tasks, taken, ms));
                }
                if (timedOut || report.pending() == 0) {
                    break;
                }
            }
            if (attempt - before >= policy.maxAttempts()) {
                return new Stop(RunStatus.Failed, exhausted(stage, report, attempt - before, timeout), attempt);
            }
            Duration backoff = policy.backoffAfter(attempt - before);
            if (!ctx.getIsReplaying()) {
                LOG.info("Run {} stage {} attempt {}: {} done, {} failed, {} not reported; re-dispatching in {}",
                        input.runId(), stage.name(), attempt, report.done(), report.failed(), report.pending(), backoff);
            }
            if (ctx.anyOf(cancel, ctx.createTimer(backoff)).await() == cancel) {
                return new Stop(RunStatus.Cancelled, "Cancelled on request during stage " + stage.name() + ".", attempt);
            }
        }
    }

    private static String exhausted(StagePlan stage, StageReport report, int attempts, Duration timeout) {
        if (report.firstFailure() != null) {
            ChunkFailure f = report.firstFailure();
            return "Stage " + stage.name() + " failed: " + task(f.chunk()) + " still failing after " + attempts
                    + " attempt(s) (maxAttempts): " + f.message();
        }
        int others = report.pending() - 1;
        return "Stage " + stage.name() + " timed out: " + task(report.firstPending())
                + (others > 0 ? " and " + others + " other task(s)" : "") + " did not report within the stageTimeout "
                + timeout + " in " + attempts + " attempt(s) (maxAttempts).";
    }

    private static String task(int chunk) {
        return chunk < 0 ? "the stage's task" : "chunk " + chunk;
    }

    private static void status(TaskOrchestrationContext ctx, RunInput input, StagePlan stage, int attempt,
                               StageReport report) {
        int tasks = stage.tasks(input.ingestChunks());
        ctx.setCustomStatus(new RunProgressView(stage.index() + "/" + input.stages().size(), stage.name(), attempt,
                report == null ? 0 : report.done(), tasks, report == null ? 0 : report.totals().rowsIn(),
                input.ingest().rowsIn()));
    }

    private static RunResult finish(TaskOrchestrationContext ctx, RunSnapshot snapshot, RunStatus status, String reason) {
        ctx.callActivity(FinishRun.NAME, new FinishRun.Request(snapshot, status, reason), ACTIVITY_RETRY, Void.class).await();
        if (!ctx.getIsReplaying()) {
            LOG.info("Run {} {}{}", snapshot.input().runId(), status, reason == null ? "" : ": " + reason);
        }
        return new RunResult(snapshot.input().runId(), status, reason, snapshot.completed().size());
    }

}
