package com.doe.orchestration;

import static com.doe.orchestration.ReplayHarness.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.doe.event.avro.ErrorClass;
import com.doe.event.avro.StageTask;
import com.doe.run.RunRecord;
import com.doe.run.RunStatus;
import com.doe.run.StageRecord;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays histories of {@link RunOrchestration} through the durabletask SDK's own engine. */
class RunOrchestrationTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration JUST_AFTER = Duration.ofMillis(1);

    static RunInput input(int chunks, int maxAttempts, Map<String, Double> maxRejectRatio, String... stages) {
        List<StagePlan> plans = new ArrayList<>();
        for (int i = 0; i < stages.length; i++) {
            plans.add(new StagePlan(i + 1, stages[i], stages[i].split("-")[0], List.of("step" + (i + 1)),
                    i == 0 ? "ingest" : stages[i - 1], false));
        }
        return new RunInput(ReplayHarness.RUN, "orders", 2, 1, chunks,
                new StageTotals(chunks * 10L, chunks * 10L, 0, 0, 5_000_000, Map.of(), Map.of()), plans,
                new RunPolicy(maxAttempts, TIMEOUT.toMillis(), 5_000, 300_000, maxRejectRatio));
    }

    static RunInput input(int chunks, int maxAttempts, String... stages) {
        return input(chunks, maxAttempts, Map.of(), stages);
    }

    /** Starts the run and runs activities until it waits for its first stage. */
    private static ReplayHarness started(RunInput input) {
        ReplayHarness h = new ReplayHarness(input);
        assertThat(names(h.step())).containsExactly(RecordProgress.NAME);
        h.runActivities();
        return h;
    }

    private static void completeAll(ReplayHarness h, String stage, int attempt) {
        for (StageTask t : h.tasks(stage, attempt)) {
            h.report(t, 10, 10, Map.of());
        }
    }

    /** The single task of transform-1's dispatch {@code attempt} fails retryably, and the run reacts. */
    private static void failOnlyTask(ReplayHarness h, int attempt, String message) {
        h.reportFailure(h.tasks("transform-1", attempt).get(0), ErrorClass.RETRYABLE, message);
        h.step();
        h.runActivities();
    }

    /** Fires the first backoff's timer (5 s) and runs what follows. */
    private static void afterFirstBackoff(ReplayHarness h) {
        h.advance(Duration.ofSeconds(5).plus(JUST_AFTER));
        h.step();
        h.runActivities();
    }

    private static List<String> lastEpisode(ReplayHarness h) {
        return names(h.episodes.get(h.episodes.size() - 1));
    }

    @Test
    void runsTwoStagesContinuingAsNewBetweenThem() {
        ReplayHarness h = started(input(3, 3, "transform-1", "load-2"));
        assertThat(lastEpisode(h)).containsExactly("timer@2025-01-01T00:10:00Z");
        assertThat(h.tasks("transform-1", 1)).extracting(StageTask::getChunkIndex).containsExactly(0, 1, 2);
        assertThat(h.tasks("transform-1", 1).get(1).getInputChunkUri())
                .isEqualTo("http://blob.test/work/run-1/ingest/00001.avro");
        assertThat(h.tasks("transform-1", 1).get(1).getChunkCount()).isEqualTo(3);
        assertThat(h.runRecord().status()).isEqualTo(RunStatus.Running);

        List<StageTask> tasks = h.tasks("transform-1", 1);
        assertThat(h.report(tasks.get(0), 10, 10, Map.of())).isEmpty();
        assertThat(h.report(tasks.get(1), 10, 10, Map.of())).isEmpty();
        assertThat(h.report(tasks.get(2), 10, 10, Map.of())).isPresent();
        assertThat(names(h.step())).containsExactly(InspectStage.NAME);
        h.runActivities();

        OrchestratorAction continued = h.episodes.stream().flatMap(List::stream)
                .filter(a -> a.hasCompleteOrchestration() && a.getCompleteOrchestration().getOrchestrationStatus()
                        == OrchestrationStatus.ORCHESTRATION_STATUS_CONTINUED_AS_NEW)
                .findFirst().orElseThrow();
        RunState next = h.read(continued.getCompleteOrchestration().getResult().getValue(), RunState.class);
        assertThat(next.next()).isEqualTo(2);
        assertThat(next.completed()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("transform-1");
            assertThat(s.totals().rowsIn()).isEqualTo(30);
            assertThat(s.attempts()).isEqualTo(1);
        });
        assertThat(continued.getCompleteOrchestration().getCarryoverEventsList()).isEmpty();
        assertThat(h.executions).isEqualTo(2);
        assertThat(h.tasks("load-2", 1)).extracting(StageTask::getInputChunkUri)
                .containsExactly("http://blob.test/work/run-1/transform-1/00000.avro",
                        "http://blob.test/work/run-1/transform-1/00001.avro",
                        "http://blob.test/work/run-1/transform-1/00002.avro");

        completeAll(h, "load-2", 1);
        assertThat(names(h.step())).containsExactly(InspectStage.NAME);
        assertThat(h.customStatus).contains("\"stage\":\"2/2\"").contains("\"chunksDone\":0");
        h.runActivities();
        assertThat(h.customStatus).contains("\"stage\":\"2/2\"").contains("\"chunksDone\":3")
                .contains("\"chunksTotal\":3").contains("\"rows\":30");

        assertThat(names(h.completion == null ? List.of() : List.of(h.completion)))
                .containsExactly("complete:ORCHESTRATION_STATUS_COMPLETED");
        assertThat(h.result()).isEqualTo(new RunResult(ReplayHarness.RUN, RunStatus.Completed, null, 2));
        assertThat(h.runRecord().status()).isEqualTo(RunStatus.Completed);
        assertThat(h.runRecord().rows().read()).isEqualTo(30);
        assertThat(h.runRecord().rows().written()).isEqualTo(30);
        assertThat(h.runRecord().stages()).extracting(StageRecord::kind, StageRecord::status, StageRecord::chunks)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ingest", RunStatus.Completed, 3),
                        org.assertj.core.groups.Tuple.tuple("transform", RunStatus.Completed, 3),
                        org.assertj.core.groups.Tuple.tuple("load", RunStatus.Completed, 3));
        assertThat(h.completedEvents).singleElement().satisfies(e ->
                assertThat(e.getStatus()).isEqualTo(com.doe.event.avro.RunStatus.SUCCEEDED));
    }

    @Test
    void stageThatTimesOutIsRedispatchedAfterBackoffAndCompletes() {
        ReplayHarness h = started(input(2, 3, "transform-1"));
        h.report(h.tasks("transform-1", 1).get(0), 10, 10, Map.of());

        h.advance(TIMEOUT);
        assertThat(names(h.step())).as("a timer fires only once the clock is past it").isEmpty();
        h.advance(JUST_AFTER);
        assertThat(names(h.step())).containsExactly(InspectStage.NAME);
        h.runActivities();
        assertThat(lastEpisode(h)).containsExactly("timer@" + h.now.plusSeconds(5));

        h.advance(Duration.ofSeconds(5).plus(JUST_AFTER));
        assertThat(names(h.step())).containsExactly(DispatchStageTasks.NAME);
        h.runActivities();
        assertThat(h.tasks("transform-1", 2)).extracting(StageTask::getChunkIndex).containsExactly(1);

        h.report(h.tasks("transform-1", 2).get(0), 10, 10, Map.of());
        h.step();
        h.runActivities();
        assertThat(h.result().status()).isEqualTo(RunStatus.Completed);
        assertThat(h.runRecord().stages().get(1).attempts()).isEqualTo(2);
        assertThat(h.runRecord().rows().read()).isEqualTo(20);
    }

    @Test
    void retryableFailureIsRetriedOnlyForTheFailedChunk() {
        ReplayHarness h = started(input(2, 3, "transform-1"));
        List<StageTask> first = h.tasks("transform-1", 1);
        assertThat(h.reportFailure(first.get(1), ErrorClass.RETRYABLE, "Neo4j unavailable")).isEmpty();
        assertThat(h.report(first.get(0), 10, 10, Map.of())).as("every chunk reported").isPresent();
        assertThat(names(h.step())).containsExactly(InspectStage.NAME);
        h.runActivities();
        assertThat(lastEpisode(h)).containsExactly("timer@" + h.now.plusSeconds(5));

        h.advance(Duration.ofSeconds(5).plus(JUST_AFTER));
        h.step();
        h.runActivities();
        assertThat(h.tasks("transform-1", 2)).extracting(StageTask::getChunkIndex).containsExactly(1);
        h.report(h.tasks("transform-1", 2).get(0), 10, 10, Map.of());
        h.step();
        h.runActivities();

        assertThat(h.result().status()).isEqualTo(RunStatus.Completed);
        assertThat(h.runRecord().stages().get(1).attempts()).isEqualTo(2);
        assertThat(h.runRecord().stages().get(1).rowsIn()).isEqualTo(20);
    }

    @Test
    void permanentFailureFailsTheRunNamingStageAndChunk() {
        ReplayHarness h = started(input(3, 3, "transform-1", "load-2"));
        assertThat(h.reportFailure(h.tasks("transform-1", 1).get(1), ErrorClass.PERMANENT, "lookup file missing"))
                .as("raised before the other chunks report").isPresent();
        assertThat(names(h.step())).containsExactly(InspectStage.NAME);
        h.runActivities();

        assertThat(h.result().status()).isEqualTo(RunStatus.Failed);
        assertThat(h.result().reason()).contains("transform-1").contains("chunk 1").contains("lookup file missing");
        assertThat(h.runRecord().status()).isEqualTo(RunStatus.Failed);
        assertThat(h.runRecord().error()).isEqualTo(h.result().reason());
        assertThat(h.runRecord().stages().get(1).status()).isEqualTo(RunStatus.Failed);
        assertThat(h.tasks("transform-1", 2)).isEmpty();
        assertThat(h.completedEvents).singleElement().satisfies(e ->
                assertThat(e.getStatus()).isEqualTo(com.doe.event.avro.RunStatus.FAILED));
    }

    @Test
    void anActivityThatFailsOnceIsRetriedAfterItsDelayAndTheRunGoesOn() {
        ReplayHarness h = new ReplayHarness(input(2, 3, "transform-1"));
        h.failing.put(DispatchStageTasks.NAME, 1);
        h.step();
        h.runActivities();
        assertThat(h.tasks("transform-1", 1)).isEmpty();
        // The SDK's retry: the first delay is the policy's 5 s times its backoff coefficient 2.
        assertThat(lastEpisode(h)).as("the retry waits on a durable timer").containsExactly("timer@" + h.now.plusSeconds(10));

        h.advance(Duration.ofSeconds(10).plus(JUST_AFTER));
        h.step();
        h.runActivities();
        assertThat(h.tasks("transform-1", 1)).hasSize(2);
        completeAll(h, "transform-1", 1);
        h.step();
        h.runActivities();

        assertThat(h.result().status()).isEqualTo(RunStatus.Completed);
        assertThat(h.runRecord().rows().read()).isEqualTo(20);
    }

    @Test
    void anActivityThatKeepsFailingFailsTheRunWithItsErrorSoItCanBeRetried() {
        ReplayHarness h = started(input(2, 3, "transform-1", "load-2"));
        completeAll(h, "transform-1", 1);
        h.failing.put(InspectStage.NAME, 5);
        h.step();
        h.runActivities();
        for (int retry = 0; retry < 4; retry++) {
            h.advance(Duration.ofMinutes(1).plus(JUST_AFTER));
            h.step();
            h.runActivities();
        }

        assertThat(h.result().status()).isEqualTo(RunStatus.Failed);
        assertThat(h.result().reason()).contains("transform-1").contains(InspectStage.NAME)
                .contains("storage unreachable").contains("POST /api/runs/run-1/retry");
        assertThat(h.runRecord().status()).isEqualTo(RunStatus.Failed);
        assertThat(h.runRecord().stages().get(1).attempts()).as("the attempt it was in, for a retry to number on")
                .isEqualTo(1);
        assertThat(names(List.of(h.completion))).containsExactly("complete:ORCHESTRATION_STATUS_COMPLETED");
    }

    @Test
    void failsWhenAttemptsAreExhausted() {
        ReplayHarness h = started(input(1, 2, "transform-1"));
        failOnlyTask(h, 1, "throttled");
        afterFirstBackoff(h);
        failOnlyTask(h, 2, "throttled again");

        assertThat(h.result().status()).isEqualTo(RunStatus.Failed);
        assertThat(h.result().reason()).isEqualTo(
                "Stage transform-1 failed: chunk 0 still failing after 2 attempt(s) (maxAttempts): throttled again");
        assertThat(h.published).hasSize(2);
    }

    @Test
    void failsWhenEveryAttemptTimesOut() {
        ReplayHarness h = started(input(3, 2, "transform-1"));
        h.report(h.tasks("transform-1", 1).get(0), 10, 10, Map.of());
        h.advance(TIMEOUT.plus(JUST_AFTER));
        h.step();
        h.runActivities();
        h.advance(Duration.ofSeconds(5).plus(JUST_AFTER));
        h.step();
        h.runActivities();
        assertThat(h.tasks("transform-1", 2)).extracting(StageTask::getChunkIndex).containsExactly(1, 2);
        h.advance(TIMEOUT.plus(JUST_AFTER));
        h.step();
        h.runActivities();

        assertThat(h.result().status()).isEqualTo(RunStatus.Failed);
        assertThat(h.result().reason()).contains("Stage transform-1 timed out: chunk 1 and 1 other task(s)")
                .contains("2 attempt(s)");
    }

    @Test
    void cancelEndsTheRunAtTheNextWait() {
        ReplayHarness h = started(input(2, 3, "transform-1", "load-2"));
        h.raise(RunEvents.CANCEL, "stop it");
        assertThat(names(h.step())).containsExactly(FinishRun.NAME);
        h.runActivities();

        assertThat(h.result().status()).isEqualTo(RunStatus.Cancelled);
        assertThat(h.result().reason()).contains("transform-1");
        assertThat(h.runRecord().status()).isEqualTo(RunStatus.Cancelled);
        assertThat(h.completedEvents).singleElement().satisfies(e ->
                assertThat(e.getStatus()).isEqualTo(com.doe.event.avro.RunStatus.CANCELLED));
    }

    @Test
    void cancelDuringBackoffStopsTheRetry() {
        ReplayHarness h = started(input(1, 3, "transform-1"));
        h.reportFailure(h.tasks("transform-1", 1).get(0), ErrorClass.RETRYABLE, "busy");
        h.step();
        h.runActivities();
        assertThat(h.openTimers()).contains(h.now.plusSeconds(5));
        h.raise(RunEvents.CANCEL, null);
        assertThat(names(h.step())).containsExactly(FinishRun.NAME);
        h.runActivities();
        assertThat(h.result().status()).isEqualTo(RunStatus.Cancelled);
        assertThat(h.tasks("transform-1", 2)).isEmpty();
    }

    @Test
    void duplicateOrEarlyStageEventOnlyCostsAnInspection() {
        ReplayHarness h = started(input(2, 3, "transform-1"));
        h.report(h.tasks("transform-1", 1).get(0), 10, 10, Map.of());
        h.raise(RunEvents.stage(1), new StageSignal(1, "transform-1", 1, true, 0));
        assertThat(names(h.step())).containsExactly(InspectStage.NAME);
        h.runActivities();
        assertThat(lastEpisode(h)).as("keeps waiting: no dispatch, no new timer").isEmpty();
        assertThat(h.customStatus).contains("\"chunksDone\":1").contains("\"rows\":10");

        var raise = h.report(h.tasks("transform-1", 1).get(1), 10, 10, Map.of()).orElseThrow();
        h.raise(raise.eventName(), raise.signal());
        h.step();
        h.runActivities();
        assertThat(h.result().status()).isEqualTo(RunStatus.Completed);
        assertThat(h.published).hasSize(2);
    }

    @Test
    void rejectRatioAboveAStepsLimitFailsTheRun() {
        ReplayHarness h = started(input(2, 3, Map.of("step1", 0.1), "transform-1", "load-2"));
        for (StageTask t : h.tasks("transform-1", 1)) {
            h.report(t, 10, 8, Map.of("step1", 2L));
        }
        h.step();
        h.runActivities();
        assertThat(h.result().status()).isEqualTo(RunStatus.Failed);
        assertThat(h.result().reason()).contains("transform-1").contains("step1").contains("4 of 20")
                .contains("maxRejectRatio 0.1");
        assertThat(h.tasks("load-2", 1)).isEmpty();
    }

    @Test
    void historyPerExecutionDoesNotGrowWithChunks() {
        List<Integer> few = historySizes(3);
        assertThat(few).as("one size per finished execution").hasSize(1);
        assertThat(historySizes(500)).isEqualTo(few);
    }

    private static List<Integer> historySizes(int chunks) {
        ReplayHarness h = started(input(chunks, 3, "transform-1", "load-2"));
        completeAll(h, "transform-1", 1);
        h.step();
        h.runActivities();
        completeAll(h, "load-2", 1);
        h.step();
        h.runActivities();
        assertThat(h.result().status()).isEqualTo(RunStatus.Completed);
        assertThat(h.published).hasSize(2 * chunks);
        return h.historySizes;
    }

    @Test
    void replayingTheSameHistoryGivesTheSameActions() {
        ReplayHarness h = started(input(2, 3, "transform-1", "load-2"));
        h.reportFailure(h.tasks("transform-1", 1).get(0), ErrorClass.RETRYABLE, "busy");
        h.report(h.tasks("transform-1", 1).get(1), 10, 10, Map.of());
        h.step();
        h.runActivities();
        h.advance(Duration.ofSeconds(6));
        h.step();
        h.runActivities();
        completeAll(h, "transform-1", 2);
        h.step();
        h.runActivities();
        completeAll(h, "load-2", 1);
        h.step();
        h.runActivities();
        assertThat(h.result().status()).isEqualTo(RunStatus.Completed);

        assertThat(h.requests).hasSizeGreaterThan(10);
        for (int i = 0; i < h.requests.size(); i++) {
            OrchestratorRequest request = h.requests.get(i);
            assertThat(h.replay(request).getActionsList()).as("episode %d", i).isEqualTo(h.episodes.get(i));
            assertThat(h.replay(request).getActionsList()).as("episode %d again", i).isEqualTo(h.episodes.get(i));
        }
    }

    private static RetryRun.Started retry(ReplayHarness h) {
        RetryRun.Outcome outcome = new RetryRun(h.ledger, h.instances(),
                java.time.Clock.fixed(h.now, java.time.ZoneOffset.UTC), Duration.ZERO).retry(ReplayHarness.RUN);
        assertThat(outcome).isInstanceOf(RetryRun.Started.class);
        return (RetryRun.Started) outcome;
    }

    /** transform-1 done for 3 chunks; load-2: chunk 0 done, chunk 1 failed permanently, chunk 2 not reported. */
    private static ReplayHarness failedInLoad() {
        ReplayHarness h = started(input(3, 3, "transform-1", "load-2"));
        completeAll(h, "transform-1", 1);
        h.step();
        h.runActivities();
        List<StageTask> load = h.tasks("load-2", 1);
        h.report(load.get(0), 10, 10, Map.of());
        h.reportFailure(load.get(1), ErrorClass.PERMANENT, "part-00001.csv is leased");
        h.step();
        h.runActivities();
        assertThat(h.result().status()).isEqualTo(RunStatus.Failed);
        return h;
    }

    @Test
    void retryResumesTheFailedStageDispatchingOnlyUnfinishedChunksAsNewAttempts() {
        ReplayHarness h = failedInLoad();
        String reason = h.runRecord().error();
        List<StageTask> firstTry = h.tasks("load-2", 1);

        RetryRun.Started started = retry(h);

        assertThat(started.retry().fromStage()).isEqualTo(2);
        assertThat(started.retry().stage()).isEqualTo("load-2");
        assertThat(started.record().status()).isEqualTo(RunStatus.Running);
        assertThat(started.record().error()).isNull();
        assertThat(started.record().retries()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(reason).contains("chunk 1");
            assertThat(r.previousStatus()).isEqualTo(RunStatus.Failed);
        });
        assertThat(names(h.step())).as("a new instance: a new history").containsExactly(RecordProgress.NAME);
        h.runActivities();
        assertThat(h.tasks("transform-1", 2)).as("the finished stage is not run again").isEmpty();
        assertThat(h.published.stream().filter(t -> t.getStageName().equals("transform-1"))).hasSize(3);
        List<StageTask> retried = h.tasks("load-2", 2);
        assertThat(retried).as("chunk 0 is done; its output is reused").extracting(StageTask::getChunkIndex)
                .containsExactly(1, 2);
        assertThat(retried).extracting(StageTask::getEventId)
                .doesNotContainAnyElementsOf(firstTry.stream().map(StageTask::getEventId).toList());
        assertThat(h.customStatus).contains("\"attempt\":2");

        // The first try's task for chunk 2 answers late (completing attempt 1, so the relay prompts the
        // run), and its chunk 1 failure is delivered again: the old failure does not answer for attempt 2.
        assertThat(h.report(firstTry.get(2), 10, 10, Map.of())).isPresent();
        h.reportFailure(firstTry.get(1), ErrorClass.PERMANENT, "part-00001.csv is leased");
        assertThat(names(h.step())).containsExactly(InspectStage.NAME);
        h.runActivities();
        assertThat(lastEpisode(h)).as("keeps waiting for chunk 1").isEmpty();
        assertThat(h.result()).as("still running").isNull();
        assertThat(h.report(retried.get(1), 10, 9, Map.of())).as("chunk 1 has not answered attempt 2").isEmpty();
        assertThat(h.report(retried.get(0), 10, 8, Map.of("step2", 2L))).isPresent();
        h.step();
        h.runActivities();

        assertThat(h.result().status()).isEqualTo(RunStatus.Completed);
        assertThat(h.result().stagesCompleted()).isEqualTo(2);
        RunRecord done = h.runRecord();
        assertThat(done.status()).isEqualTo(RunStatus.Completed);
        assertThat(done.error()).isNull();
        assertThat(done.retries()).hasSize(1);
        assertThat(done.rows()).as("chunk 2 counted once: the first done marker wins")
                .isEqualTo(new com.doe.stats.RunTotals(30, 28, 2, 0));
        assertThat(done.rows().isBalanced()).isTrue();
        assertThat(done.stages()).extracting(StageRecord::status).containsOnly(RunStatus.Completed);
        assertThat(done.stages().get(1).attempts()).isEqualTo(1);
        assertThat(done.stages().get(2).attempts()).isEqualTo(2);
        assertThat(h.completedEvents).extracting(e -> e.getStatus().name()).containsExactly("FAILED", "SUCCEEDED");
        assertThat(h.completedEvents.get(1).getEventId()).isNotEqualTo(h.completedEvents.get(0).getEventId());
    }

    @Test
    void retriedStageGetsMaxAttemptsDispatchesOfItsOwnNumberedAfterTheEarlierOnes() {
        ReplayHarness h = started(input(1, 2, "transform-1"));
        failOnlyTask(h, 1, "throttled");
        afterFirstBackoff(h);
        failOnlyTask(h, 2, "throttled");
        assertThat(h.result().reason()).contains("after 2 attempt(s)");
        assertThat(h.runRecord().stages().get(1).attempts()).isEqualTo(2);

        retry(h);
        h.step();
        h.runActivities();
        assertThat(h.runRecord().stages().get(1).attempts()).as("the record shows the attempts so far").isEqualTo(2);
        assertThat(h.tasks("transform-1", 3)).hasSize(1);
        failOnlyTask(h, 3, "still throttled");
        assertThat(lastEpisode(h)).as("the first backoff again, not the third").containsExactly("timer@" + h.now.plusSeconds(5));
        afterFirstBackoff(h);
        failOnlyTask(h, 4, "still throttled");

        assertThat(h.result().status()).isEqualTo(RunStatus.Failed);
        assertThat(h.result().reason()).isEqualTo(
                "Stage transform-1 failed: chunk 0 still failing after 2 attempt(s) (maxAttempts): still throttled");
        assertThat(h.runRecord().stages().get(1).attempts()).isEqualTo(4);
        assertThat(h.published).extracting(StageTask::getAttempt).containsExactly(1, 2, 3, 4);

        retry(h);
        h.step();
        h.runActivities();
        h.report(h.tasks("transform-1", 5).get(0), 10, 10, Map.of());
        h.step();
        h.runActivities();
        assertThat(h.result().status()).isEqualTo(RunStatus.Completed);
        assertThat(h.runRecord().retries()).hasSize(2);
        assertThat(h.runRecord().rows().isBalanced()).isTrue();
    }

    @Test
    void retriedCancelledRunWhoseStageFinishedMeanwhileDispatchesNothingAndGoesOn() {
        ReplayHarness h = started(input(2, 3, "transform-1", "load-2"));
        h.raise(RunEvents.CANCEL, null);
        h.step();
        h.runActivities();
        assertThat(h.result().status()).isEqualTo(RunStatus.Cancelled);
        completeAll(h, "transform-1", 1);

        RetryRun.Started started = retry(h);
        assertThat(started.retry().previousStatus()).isEqualTo(RunStatus.Cancelled);
        h.step();
        h.runActivities();
        assertThat(h.tasks("transform-1", 2)).isEmpty();
        assertThat(h.tasks("load-2", 1)).hasSize(2);
        assertThat(h.runRecord().stages().get(1).attempts()).as("no dispatch of its own").isEqualTo(1);
        completeAll(h, "load-2", 1);
        h.step();
        h.runActivities();

        assertThat(h.result().status()).isEqualTo(RunStatus.Completed);
        assertThat(h.runRecord().rows()).isEqualTo(new com.doe.stats.RunTotals(20, 20, 0, 0));
    }

    @Test
    void retriedExecutionReplaysDeterministically() {
        ReplayHarness h = failedInLoad();
        int before = h.requests.size();
        retry(h);
        h.step();
        h.runActivities();
        completeAll(h, "load-2", 2);
        h.step();
        h.runActivities();
        assertThat(h.result().status()).isEqualTo(RunStatus.Completed);

        for (int i = before; i < h.requests.size(); i++) {
            assertThat(h.replay(h.requests.get(i)).getActionsList()).as("episode %d", i).isEqualTo(h.episodes.get(i));
        }
    }
}
