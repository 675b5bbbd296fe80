package com.doe.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.DoeException;
import com.doe.event.avro.ErrorClass;
import com.doe.event.avro.ErrorInfo;
import com.doe.event.avro.RowCounts;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StageDoneRelayTest {

    private final InMemoryStageProgress progress = new InMemoryStageProgress();
    private final StageDoneRelay relay = new StageDoneRelay(progress);

    private static StageDone.Builder event(int chunk, int attempt, int count) {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        return StageDone.newBuilder().setEventId("e-" + chunk + "-" + attempt).setRunId("run-1").setOccurredAt(at)
                .setTaskEventId("t").setPipelineId("p").setStageIndex(1).setStageKind("transform")
                .setStageName("transform-1").setChunkIndex(chunk).setChunkCount(count).setAttempt(attempt)
                .setStartedAt(at).setFinishedAt(at.plusMillis(3)).setCounts(new RowCounts(10L, 7L, 2L))
                .setStepRejected(Map.of("checks", 2L));
    }

    private static StageDone ok(int chunk, int attempt, int count) {
        return event(chunk, attempt, count).setOutcome(StageOutcome.SUCCEEDED).build();
    }

    private static StageDone failed(int chunk, int attempt, int count, ErrorClass c) {
        return event(chunk, attempt, count).setOutcome(StageOutcome.FAILED).setCounts(new RowCounts(0L, 0L, 0L))
                .setError(ErrorInfo.newBuilder().setErrorClass(c).setMessage("boom " + chunk).build()).build();
    }

    @Test
    void raisesTheStageEventOnceEveryChunkIsDone() {
        assertThat(relay.onStageDone(ok(0, 1, 3))).isEmpty();
        assertThat(relay.onStageDone(ok(2, 1, 3))).isEmpty();
        Optional<StageDoneRelay.Raise> raise = relay.onStageDone(ok(1, 1, 3));
        assertThat(raise).contains(new StageDoneRelay.Raise("run-1", "StageDone-1",
                new StageSignal(1, "transform-1", 1, true, 1)));
        assertThat(progress.done("run-1", "transform-1").get(1))
                .isEqualTo(new StageTotals(10, 7, 2, 1, 3_000_000, Map.of("checks", 2L), Map.of()));
    }

    @Test
    void redeliveredReportDoesNotCountTwice() {
        relay.onStageDone(ok(0, 1, 2));
        assertThat(relay.onStageDone(ok(0, 1, 2))).isEmpty();
        assertThat(progress.doneChunks("run-1", "transform-1")).containsExactly(0);
        assertThat(relay.onStageDone(ok(1, 1, 2))).isPresent();
        assertThat(relay.onStageDone(ok(1, 1, 2))).as("a duplicate may raise again; the orchestration re-reads")
                .isPresent();
    }

    @Test
    void permanentFailureRaisesAtOnce() {
        assertThat(relay.onStageDone(failed(1, 1, 3, ErrorClass.PERMANENT)))
                .hasValueSatisfying(r -> assertThat(r.signal().finished()).isFalse());
    }

    @Test
    void retryableFailureWaitsForTheRestOfTheAttempt() {
        assertThat(relay.onStageDone(failed(1, 1, 2, ErrorClass.RETRYABLE))).isEmpty();
        assertThat(relay.onStageDone(ok(0, 1, 2))).hasValueSatisfying(r -> assertThat(r.signal().finished()).isTrue());
    }

    @Test
    void lateReportOfAnOlderAttemptDoesNotCompleteTheNewOne() {
        relay.onStageDone(ok(0, 1, 2));
        relay.onStageDone(failed(1, 1, 2, ErrorClass.RETRYABLE));
        // attempt 2 re-dispatched chunk 1; an attempt-1 duplicate of the failure arrives again
        StageReport attempt2 = StageReport.of(2, StageReport.chunks(2, false), progress.done("run-1", "transform-1"),
                progress.failures("run-1", "transform-1"));
        assertThat(attempt2.pending()).isEqualTo(1);
        assertThat(attempt2.firstPending()).isEqualTo(1);
        assertThat(relay.onStageDone(failed(1, 2, 2, ErrorClass.RETRYABLE))).isPresent();
        assertThat(relay.onStageDone(ok(1, 2, 2))).isPresent();
        assertThat(progress.doneChunks("run-1", "transform-1")).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void wholeRunStageHasOneTask() {
        assertThat(relay.onStageDone(ok(-1, 1, 1))).isPresent();
        assertThat(StageReport.of(1, StageReport.chunks(1, true), progress.done("run-1", "transform-1"), java.util.List.of())
                .done()).isEqualTo(1);
    }

    @Test
    void unknownOutcomeIsPermanent() {
        assertThat(relay.onStageDone(event(0, 1, 2).setOutcome(StageOutcome.UNKNOWN).build()))
                .hasValueSatisfying(r -> assertThat(r.signal().finished()).isFalse());
        assertThat(progress.failures("run-1", "transform-1")).singleElement()
                .satisfies(f -> assertThat(f.retryable()).isFalse());
    }

    @Test
    void rejectsEventsWithoutStageNameOrCount() {
        assertThatThrownBy(() -> relay.onStageDone(event(0, 1, 0).setOutcome(StageOutcome.SUCCEEDED).build()))
                .isInstanceOf(DoeException.class).hasMessageContaining("chunkCount");
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RunPolicy p = new RunPolicy(5, 1000, 5_000, 12_000, Map.of());
        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.backoffAfter(3)).isEqualTo(Duration.ofSeconds(12));
    }
}
