package com.doe.api;

import com.doe.RetryableException;
import com.doe.orchestration.RunInput;
import com.doe.orchestration.RunInstances;
import com.doe.orchestration.RunPolicy;
import com.doe.orchestration.RunState;
import com.doe.orchestration.StagePlan;
import com.doe.orchestration.StageSummary;
import com.doe.orchestration.StageTotals;
import com.doe.run.InMemoryRunStore;
import com.doe.run.RunLedger;
import com.doe.run.RunRecord;
import com.doe.run.RunSource;
import com.doe.run.RunStatus;
import com.doe.run.StageRecord;
import com.doe.stats.RunTotals;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/runs/{runId}/retry}: which runs may be retried, and what a retry changes. */
class RunApiRetryTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant FAILED_AT = STARTED.plusSeconds(40);
    private static final Instant NOW = STARTED.plusSeconds(600);
    private static final String RUN = "orders-0123456789abcdef0123";
    private static final String URL = "http://127.0.0.1:7071/api/runs/" + RUN + "/retry";

    private final RunLedger ledger = new RunLedger(new InMemoryRunStore());
    private final RunApi api = new RunApi(ledger, Clock.fixed(NOW, ZoneOffset.UTC));
    private final FakeInstances instances = new FakeInstances();

    /** A durable client over a map: start replaces a finished instance and is refused while one runs. */
    private static final class FakeInstances implements RunInstances {
        final Map<String, Instance> instances = new HashMap<>();
        final List<RunState> started = new ArrayList<>();
        Instance afterWait;
        RuntimeException startFailure;

        @Override
        public Optional<Instance> find(String runId) {
            return Optional.ofNullable(instances.get(runId));
        }

        @Override
        public Optional<Instance> awaitFinished(String runId, Duration timeout) {
            if (afterWait != null) {
                instances.put(runId, afterWait);
            }
            return find(runId);
        }

        @Override
        public void start(String runId, RunState state) {
            if (startFailure != null) {
                throw startFailure;
            }
            if (instances.containsKey(runId) && !instances.get(runId).finished()) {
                throw new IllegalStateException("instance " + runId + " is running");
            }
            started.add(state);
            instances.put(runId, new Instance(false, state));
        }
    }

    private static RunInput input() {
        return new RunInput(RUN, "orders", 3, 1, 4, new StageTotals(40, 40, 0, 0, 1, Map.of(), Map.of()),
                List.of(new StagePlan(1, "transform-1", "transform", List.of("tidy"), "ingest", false),
                        new StagePlan(2, "load-2", "load", List.of("graph"), "transform-1", false)),
                new RunPolicy(3, 60_000, 5_000, 300_000, Map.of()));
    }

    /** The state the run's last execution started with: transform-1 done, load-2 running. */
    private static RunState inLoad() {
        return new RunState(input(), 2, List.of(new StageSummary(1, "transform-1",
                new StageTotals(40, 38, 2, 0, 1, Map.of("tidy", 2L), Map.of()), 4, 1, 900)));
    }

    private RunRecord ended(RunStatus status, RunStatus loadStatus, int loadAttempts, String error) {
        RunRecord record = RunRecord.pending(RUN, "orders", 3, new RunSource("landing", "orders/a.csv", "0x1"), STARTED)
                .withProgress(new RunTotals(40, 38, 2, 0), List.of(
                        new StageRecord(0, "ingest", List.of(), RunStatus.Completed, 40, 40, 0, 4, 1, 100),
                        new StageRecord(1, "transform", List.of("tidy"), RunStatus.Completed, 40, 38, 2, 4, 1, 900),
                        new StageRecord(2, "load", List.of("graph"), loadStatus, 0, 0, 0, 4, loadAttempts, 0)),
                        com.doe.run.RunQuality.NONE)
                .finish(status, FAILED_AT, error);
        ledger.start(record);
        return record;
    }

    private RunRecord failedInLoad() {
        return ended(RunStatus.Failed, RunStatus.Failed, 1, "Stage load-2 failed: chunk 0 failed permanently on attempt 1: x");
    }

    @Test
    void failedRunIsReopenedAndResumedFromItsFailedStageUnderItsRunId() {
        String reason = "Stage load-2 failed: chunk 2 still failing after 3 attempt(s) (maxAttempts): Neo4j unavailable";
        ended(RunStatus.Failed, RunStatus.Failed, 3, reason);
        instances.instances.put(RUN, new RunInstances.Instance(true, inLoad()));

        ApiResponse response = api.retry(RUN, instances, URL);

        assertThat(response.status()).as(response.bodyText()).isEqualTo(202);
        assertThat(response.body().path("runId").asText()).isEqualTo(RUN);
        assertThat(response.body().path("status").asText()).isEqualTo("Running");
        assertThat(response.body().path("retry").asInt()).isEqualTo(1);
        assertThat(response.body().path("fromStage").asInt()).isEqualTo(2);
        assertThat(response.body().path("stage").asText()).isEqualTo("load-2");
        assertThat(response.body().path("statusUrl").asText()).isEqualTo("http://127.0.0.1:7071/api/runs/" + RUN);

        assertThat(instances.started).singleElement().satisfies(state -> {
            assertThat(state.next()).isEqualTo(2);
            assertThat(state.attemptsBefore()).as("new dispatches are numbered from 4").isEqualTo(3);
            assertThat(state.completed()).isEqualTo(inLoad().completed());
            assertThat(state.input().pipelineVersion()).as("the run's own version, not the active one").isEqualTo(3);
        });
        RunRecord record = ledger.get(RUN).orElseThrow();
        assertThat(record.status()).isEqualTo(RunStatus.Running);
        assertThat(record.finishedAt()).isNull();
        assertThat(record.error()).isNull();
        assertThat(record.startedAt()).isEqualTo(STARTED);
        assertThat(record.rows()).isEqualTo(new RunTotals(40, 38, 2, 0));
        assertThat(record.stages()).extracting(StageRecord::status)
                .containsExactly(RunStatus.Completed, RunStatus.Completed, RunStatus.Running);
        assertThat(record.retries()).singleElement().satisfies(retry -> {
            assertThat(retry.at()).isEqualTo(NOW);
            assertThat(retry.fromStage()).isEqualTo(2);
            assertThat(retry.stage()).isEqualTo("load-2");
            assertThat(retry.previousStatus()).isEqualTo(RunStatus.Failed);
            assertThat(retry.previousFinishedAt()).isEqualTo(FAILED_AT);
            assertThat(retry.reason()).isEqualTo(reason);
        });
        assertThat(api.get(RUN).body().at("/retries/0/reason").asText()).isEqualTo(reason);
    }

    @Test
    void secondRetryWhileTheFirstRunsIsA409() {
        failedInLoad();
        instances.instances.put(RUN, new RunInstances.Instance(true, inLoad()));
        assertThat(api.retry(RUN, instances, URL).status()).isEqualTo(202);

        ApiResponse again = api.retry(RUN, instances, URL);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().at("/error/code").asText()).isEqualTo("run_not_finished");
        assertThat(again.body().at("/error/message").asText()).contains("is Running").contains("/cancel");
        assertThat(instances.started).hasSize(1);
    }

    @Test
    void cancelledRunCanBeRetried() {
        ended(RunStatus.Cancelled, RunStatus.Cancelled, 1, "Cancelled on request during stage load-2.");
        instances.instances.put(RUN, new RunInstances.Instance(true, inLoad()));

        ApiResponse response = api.retry(RUN, instances, null);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().path("statusUrl").asText()).isEqualTo("/api/runs/" + RUN);
        assertThat(ledger.get(RUN).orElseThrow().retries().get(0).previousStatus()).isEqualTo(RunStatus.Cancelled);
    }

    @Test
    void unknownRunIsA404() {
        ApiResponse response = api.retry("nope", instances, null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().at("/error/message").asText()).contains("GET /api/runs");
    }

    @Test
    void pendingRunningAndCompletedRunsAre409sWithTheReason() {
        RunSource source = new RunSource("landing", "orders/a.csv", "0x1");
        ledger.start(RunRecord.pending("pending", "orders", 1, source, STARTED));
        ledger.start(RunRecord.pending("running", "orders", 1, source, STARTED).withStatus(RunStatus.Running));
        ledger.start(RunRecord.pending("done", "orders", 1, source, STARTED).finish(RunStatus.Completed, FAILED_AT, null));

        ApiResponse pending = api.retry("pending", instances, null);
        ApiResponse running = api.retry("running", instances, null);
        ApiResponse completed = api.retry("done", instances, null);

        assertThat(pending.status()).isEqualTo(409);
        assertThat(pending.body().at("/error/message").asText()).contains("is Pending");
        assertThat(running.status()).isEqualTo(409);
        assertThat(running.body().at("/error/code").asText()).isEqualTo("run_not_finished");
        assertThat(completed.status()).isEqualTo(409);
        assertThat(completed.body().at("/error/code").asText()).isEqualTo("run_completed");
        assertThat(completed.body().at("/error/message").asText()).contains("upload it again");
        assertThat(instances.started).isEmpty();
    }

    @Test
    void runThatFailedBeforeItsFileWasChunkedIsA409SayingToUploadTheFileAgain() {
        String reason = "File landing/nope/a.csv was not processed: there is no pipeline 'nope'. Create it with "
                + "PUT /api/pipelines/nope and upload the file again.";
        ledger.start(RunRecord.pending("refused", "nope", 0, new RunSource("landing", "nope/a.csv", "0x1"), STARTED)
                .finish(RunStatus.Failed, STARTED, reason));

        ApiResponse response = api.retry("refused", instances, null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().at("/error/code").asText()).isEqualTo("run_not_retryable");
        assertThat(response.body().at("/error/message").asText()).contains("before its file was stored in chunks")
                .contains(reason).contains("upload the file again; the new upload is a new run");
        assertThat(ledger.get("refused").orElseThrow().status()).isEqualTo(RunStatus.Failed);
    }

    @Test
    void rejectRatioFailureIsA409BecauseTheSameVersionWouldFailTheSameWay() {
        RunState afterLoad = new RunState(input(), 2, inLoad().completed());
        ended(RunStatus.Failed, RunStatus.Completed, 1, "stage load-2: Pipeline 'orders': step 'checks' rejected 9 of 40 rows");
        instances.instances.put(RUN, new RunInstances.Instance(true, afterLoad));

        ApiResponse response = api.retry(RUN, instances, null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().at("/error/code").asText()).isEqualTo("run_not_retryable");
        assertThat(response.body().at("/error/message").asText()).contains("check after stage load-2")
                .contains("would fail the same way");
        assertThat(instances.started).isEmpty();
    }

    @Test
    void runWhoseInstanceWasPurgedIsA409() {
        failedInLoad();

        ApiResponse response = api.retry(RUN, instances, null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().at("/error/message").asText()).contains("purged").contains("Upload the file again");
        assertThat(ledger.get(RUN).orElseThrow().status()).isEqualTo(RunStatus.Failed);
    }

    @Test
    void waitsForAnInstanceThatIsStillCompletingAfterTheRecordEnded() {
        failedInLoad();
        instances.instances.put(RUN, new RunInstances.Instance(false, inLoad()));
        instances.afterWait = new RunInstances.Instance(true, inLoad());

        assertThat(api.retry(RUN, instances, null).status()).isEqualTo(202);
    }

    @Test
    void instanceThatDoesNotFinishInTimeIsA409ToTryAgain() {
        failedInLoad();
        instances.instances.put(RUN, new RunInstances.Instance(false, inLoad()));

        ApiResponse response = api.retry(RUN, instances, null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().at("/error/message").asText()).contains("try again in a few seconds");
        assertThat(ledger.get(RUN).orElseThrow().status()).isEqualTo(RunStatus.Failed);
    }

    @Test
    void failureToStartTheInstancePutsTheRecordBackSoTheRunCanBeRetriedLater() {
        RunRecord failed = failedInLoad();
        instances.instances.put(RUN, new RunInstances.Instance(true, inLoad()));
        instances.startFailure = new RetryableException("durable task hub unavailable");

        ApiResponse response = api.retry(RUN, instances, null);

        assertThat(response.status()).isEqualTo(503);
        assertThat(ledger.get(RUN).orElseThrow()).isEqualTo(failed);
        instances.startFailure = null;
        assertThat(api.retry(RUN, instances, null).status()).isEqualTo(202);
    }

    @Test
    void statusUrlIsTheRunsUrlWithoutQuery() {
        assertThat(RunApi.statusUrl("r1", "https://doe.example/api/runs/r1/retry?code=secret"))
                .isEqualTo("https://doe.example/api/runs/r1");
        assertThat(RunApi.statusUrl("r1", "http://other/path")).isEqualTo("/api/runs/r1");
    }
}
