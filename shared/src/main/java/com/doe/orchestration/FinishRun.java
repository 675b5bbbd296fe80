package com.doe.orchestration;

import com.doe.event.avro.ErrorClass;
import com.doe.event.avro.ErrorInfo;
import com.doe.event.avro.RowCounts;
import com.doe.event.avro.RunCompleted;
import com.doe.run.RunLedger;
import com.doe.run.RunRecord;
import com.doe.run.RunStatus;
import com.doe.stats.RunTotals;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Activity: writes the final run record and publishes {@code RunCompleted}. Idempotent: the ledger
 * never changes a final record, and the event is built from the stored record with an event id
 * derived from the run id and its number of retries, so a re-execution republishes the same event
 * (consumers drop it) while the end of a retried run is a new event.
 */
public final class FinishRun {

    public static final String NAME = "FinishRun";

    /** @param reason why the run failed or was cancelled; null when it completed */
    public record Request(RunSnapshot snapshot, RunStatus status, String reason) {
    }

    private final RunLedger ledger;
    private final EventPublisher<RunCompleted> publisher;
    private final Clock clock;

    public FinishRun(RunLedger ledger, EventPublisher<RunCompleted> publisher, Clock clock) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * @return the final record as stored (an earlier final record is kept as it was)
     * @throws com.doe.run.RunNotFoundException when the run has no record
     */
    public RunRecord run(Request r) {
        String runId = r.snapshot().input().runId();
        RunRecord stored = ledger.update(runId, current -> r.snapshot().applyTo(current)
                .finish(r.status(), clock.instant(), r.reason()));
        publisher.publish(List.of(completedEvent(stored, r.snapshot())));
        return stored;
    }

    static RunCompleted completedEvent(RunRecord run, RunSnapshot snapshot) {
        RunTotals rows = run.rows();
        long succeeded = snapshot.completed().size();
        return RunCompleted.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((run.runId() + "/completed"
                        + (run.retries().isEmpty() ? "" : "/retry-" + run.retries().size())).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setRunId(run.runId())
                .setOccurredAt(run.finishedAt())
                .setPipelineId(run.pipelineId())
                .setPipelineVersion(run.pipelineVersion())
                .setStatus(switch (run.status()) {
                    case Completed -> com.doe.event.avro.RunStatus.SUCCEEDED;
                    case Failed -> com.doe.event.avro.RunStatus.FAILED;
                    case Cancelled -> com.doe.event.avro.RunStatus.CANCELLED;
                    default -> com.doe.event.avro.RunStatus.UNKNOWN;
                })
                .setTotals(RowCounts.newBuilder().setRowsIn(rows.read()).setRowsOut(rows.written())
                        .setRowsRejected(rows.rejected()).build())
                .setStagesSucceeded((int) succeeded)
                .setStagesFailed(run.status() == RunStatus.Failed ? 1 : 0)
                .setStartedAt(run.startedAt())
                .setError(run.error() == null ? null : ErrorInfo.newBuilder().setErrorClass(ErrorClass.PERMANENT)
                        .setMessage(run.error()).build())
                .build();
    }
}
