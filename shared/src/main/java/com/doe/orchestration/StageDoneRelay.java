package com.doe.orchestration;

import com.doe.DoeException;
import com.doe.event.avro.ErrorClass;
import com.doe.event.avro.RowCounts;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The logic behind the {@code StageDoneRelay} function: records each {@code StageDone} in
 * {@link StageProgress} and says when to raise the stage's single external event on the run's
 * orchestration instance.
 *
 * <p>Contract: the event is raised when the report completes the attempt it answers (every task of
 * the stage is done, or failed in that attempt), or when the report is a permanent failure. Events
 * are therefore per stage attempt, not per chunk. Delivery is at least once and reports race, so the
 * same event may be raised twice; the orchestration treats the event as a prompt to re-read the
 * progress, which makes duplicates harmless. Thread-safe.
 */
public final class StageDoneRelay {

    /** An external event to raise on instance {@code runId}. */
    public record Raise(String runId, String eventName, StageSignal signal) {
    }

    private final StageProgress progress;

    public StageDoneRelay(StageProgress progress) {
        this.progress = progress;
    }

    /**
     * Records the answer, then says whether to raise the stage's event: {@link #record} then
     * {@link #check}.
     *
     * @throws DoeException (permanent) when the event lacks the stage name or task count, i.e. it was
     *     not produced from a task this orchestration dispatched
     */
    public Optional<Raise> onStageDone(StageDone event) {
        return check(event, record(event));
    }

    /**
     * Records the answer in the stage's progress.
     *
     * @return whether it is a permanent failure (which ends the attempt whatever else is pending)
     * @throws DoeException (permanent) when the event lacks the stage name or task count
     */
    public boolean record(StageDone event) {
        String stage = event.getStageName();
        int tasks = event.getChunkCount();
        if (stage == null || tasks < 1) {
            throw new DoeException("StageDone " + event.getEventId() + " of run '" + event.getRunId()
                    + "' has no stageName/chunkCount; stage functions must copy them from the StageTask.");
        }
        int chunk = event.getChunkIndex();
        if (event.getOutcome() == StageOutcome.SUCCEEDED) {
            progress.markDone(event.getRunId(), stage, chunk, totalsOf(event));
            return false;
        }
        // UNKNOWN outcomes and errors of unknown class are permanent: never retry what is not understood.
        boolean retryable = event.getError() != null && event.getError().getErrorClass() == ErrorClass.RETRYABLE;
        String message = event.getError() == null ? "the stage reported " + event.getOutcome() + " without an error"
                : event.getError().getMessage();
        progress.markFailed(event.getRunId(), stage, new ChunkFailure(chunk, event.getAttempt(), retryable, message));
        return !retryable;
    }

    /**
     * Reads the progress of the stage and attempt that a recorded answer belongs to, and says whether
     * to raise the stage's event: when the attempt is complete, or when {@code permanent}. One check
     * covers every answer of the same run, stage and attempt recorded before it.
     */
    public Optional<Raise> check(StageDone event, boolean permanent) {
        String stage = event.getStageName();
        int chunk = event.getChunkIndex();
        int attempt = event.getAttempt();
        boolean wholeRun = chunk == -1;
        StageReport report = StageReport.of(attempt, StageReport.chunks(event.getChunkCount(), wholeRun),
                doneMarkers(progress.doneChunks(event.getRunId(), stage)),
                progress.failures(event.getRunId(), stage));
        boolean finished = report.pending() == 0;
        if (!finished && !permanent) {
            return Optional.empty();
        }
        return Optional.of(new Raise(event.getRunId(), RunEvents.stage(event.getStageIndex()),
                new StageSignal(event.getStageIndex(), stage, attempt, finished, chunk)));
    }

    private static Map<Integer, StageTotals> doneMarkers(Set<Integer> chunks) {
        Map<Integer, StageTotals> m = new java.util.HashMap<>();
        chunks.forEach(c -> m.put(c, StageTotals.ZERO));
        return m;
    }

    private static StageTotals totalsOf(StageDone e) {
        RowCounts c = e.getCounts();
        long filtered = Math.max(0, c.getRowsIn() - c.getRowsOut() - c.getRowsRejected());
        Map<String, Long> rules = new java.util.HashMap<>();
        List<com.doe.event.avro.RuleFailure> failures = e.getRuleFailures();
        for (com.doe.event.avro.RuleFailure f : failures) {
            rules.merge(f.getRule(), f.getRowsRejected(), Long::sum);
        }
        long nanos = Math.max(0, e.getFinishedAt().toEpochMilli() - e.getStartedAt().toEpochMilli()) * 1_000_000;
        return new StageTotals(c.getRowsIn(), c.getRowsOut(), c.getRowsRejected(), filtered, nanos, e.getStepRejected(), rules);
    }
}
