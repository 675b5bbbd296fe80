package com.doe.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.SourcedRecord;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageTask;
import com.doe.ml.MlFixtures;
import com.doe.ml.TrainSpec;
import com.doe.ml.registry.ModelManifest;
import com.doe.ml.train.ModelTrainer;
import com.doe.ml.train.TrainStage;
import com.doe.ml.train.TrainingTable;
import com.doe.orchestration.RunInput;
import com.doe.orchestration.RunSnapshot;
import com.doe.orchestration.StagePlan;
import com.doe.orchestration.StageSummary;
import com.doe.pipeline.Pipeline;
import com.doe.run.ModelUse;
import com.doe.run.RunRecord;
import com.doe.run.RunStatus;
import com.doe.run.StageRecord;
import com.doe.stats.RunTotals;
import com.doe.step.ml.MlConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs with {@code train} and {@code score} steps, end to end through the run starter, dispatch, the
 * stage worker and the relay ({@link RunDriver}). {@code MlRunTest} runs them on in-memory stores,
 * {@code TrainRunIT} and {@code ScorePinningIT} on Blob Storage (Azurite locally).
 */
final class MlRunScenarios {

    static final List<Map<String, Object>> ROWS = MlFixtures.rows(1000, 5);
    static final String TRAIN = "{\"id\": \"learn\", \"type\": \"train\", \"model\": \"zones\", \"task\": \"classification\", "
            + "\"features\": {\"numeric\": [\"x1\", \"x2\", \"x3\"], \"categorical\": [\"zone\"]}, \"target\": \"cls\"}";
    static final String SCORE = "{\"id\": \"predict\", \"type\": \"score\", \"model\": \"zones\", "
            + "\"output\": {\"label\": \"predicted\", \"score\": \"probability\"}}";
    static final String TIDY = "{\"id\": \"tidy\", \"type\": \"clean\", \"trim\": true}";

    private MlRunScenarios() {
    }

    /**
     * clean → train → score over 1,000 rows in 3 chunks: the train stage is one task that stores exactly
     * one version trained on all 1,000 rows, a re-delivered (and a re-dispatched) train task adds no
     * version, and the score stage uses the version the run trained.
     */
    static void trainOverEveryChunkStoresOneVersionAndScoresWithIt(RunDriver driver) {
        driver.catalog.save("ml-test", MlFixtures.pipeline(400, TIDY, TRAIN, SCORE));

        StartOutcome.Start start = (StartOutcome.Start) driver.land("ml-test", "a.csv", "0x1", MlFixtures.csv(ROWS));
        RunInput input = start.state().input();

        assertThat(input.ingestChunks()).isEqualTo(3);
        assertThat(input.stages()).extracting(StagePlan::name, StagePlan::wholeRun, StagePlan::models).containsExactly(
                org.assertj.core.groups.Tuple.tuple("transform-1", false, Map.of()),
                org.assertj.core.groups.Tuple.tuple("ml-2", true, Map.of()),
                org.assertj.core.groups.Tuple.tuple("ml-3", false, Map.of("predict", 1)));
        assertThat(start.record().models()).containsExactly(new ModelUse("learn", ModelUse.TRAIN, "zones", 1),
                new ModelUse("predict", ModelUse.SCORE, "zones", 1));
        assertThat(driver.registry.list()).as("a reserved version is not visible until stored").isEmpty();

        List<StageSummary> done = new ArrayList<>();
        done.add(driver.runStage(input, input.stages().get(0)));

        StagePlan training = input.stages().get(1);
        List<StageTask> tasks = driver.dispatch(input, training, 1);
        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t.getChunkIndex()).isEqualTo(-1);
            assertThat(t.getChunkCount()).isEqualTo(1);
            assertThat(t.getInputChunkUri()).endsWith("/" + input.runId() + "/transform-1/");
        });
        StageDone trained = driver.handle(tasks.get(0));
        assertThat(trained.getError()).isNull();
        assertThat(trained.getCounts().getRowsIn()).isEqualTo(1000);
        assertThat(trained.getCounts().getRowsOut()).isEqualTo(1000);
        assertThat(trained.getCounts().getRowsRejected()).isZero();
        assertThat(trained.getOutputUris()).containsExactly(
                WorkerFixtures.WORK_URL + "/" + input.runId() + "/ml-2/", "models/zones/1");
        assertThat(driver.chunks.list(input.runId(), "ml-2")).containsExactly(0, 1, 2);

        ModelManifest model = driver.registry.resolve("zones", "latest");
        assertThat(driver.registry.get("zones").versions()).hasSize(1);
        assertThat(model.version()).isEqualTo(1);
        assertThat(model.runId()).isEqualTo(input.runId());
        assertThat(model.stepId()).isEqualTo("learn");
        assertThat(model.rows().read()).as("rows in the model's metadata").isEqualTo(ROWS.size());
        assertThat(model.rows().trained() + model.rows().tested() + model.rows().skipped()).isEqualTo(ROWS.size());
        assertThat(model.rows().tested()).isEqualTo(200);

        assertThat(driver.dispatch(input, training, 2)).as("a done task is not dispatched again").isEmpty();
        StageDone redelivered = driver.handle(tasks.get(0));
        StageDone lateAttempt = driver.handle(StageTask.newBuilder(tasks.get(0)).setAttempt(2)
                .setEventId("attempt-2-after-a-timeout").build());
        assertThat(redelivered.getEventId()).isEqualTo(trained.getEventId());
        assertThat(redelivered.getCounts()).isEqualTo(trained.getCounts());
        assertThat(lateAttempt.getCounts()).isEqualTo(trained.getCounts());
        assertThat(driver.registry.get("zones").versions()).as("no version from a re-delivered train task").hasSize(1);
        assertThat(driver.registry.latest("zones")).contains(1);
        done.add(driver.finish(input, training));

        StagePlan scoring = input.stages().get(2);
        List<StageTask> scores = driver.dispatch(input, scoring, 1);
        assertThat(scores).hasSize(3).allSatisfy(t -> assertThat(t.getModelVersions()).containsExactly(Map.entry("predict", 1)));
        scores.forEach(driver::handle);
        done.add(driver.finish(input, scoring));
        for (int c = 0; c < 3; c++) {
            assertThat(accuracy(driver.chunks.read(new ChunkId(input.runId(), "ml-3", c)))).isGreaterThan(0.85);
        }

        RunTotals totals = new RunSnapshot(input, done, 0, RunStatus.Completed, 0).totals();
        assertThat(totals).isEqualTo(new RunTotals(1000, 1000, 0, 0));
        RunRecord record = driver.complete(input, done);
        assertThat(record.status()).isEqualTo(RunStatus.Completed);
        assertThat(record.rows().isBalanced()).isTrue();
        assertThat(record.stages()).filteredOn(s -> s.index() == 2).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("ml");
            assertThat(s.steps()).containsExactly("learn");
            assertThat(s.status()).isEqualTo(RunStatus.Completed);
            assertThat(s.rowsIn()).isEqualTo(1000);
            assertThat(s.rowsOut()).isEqualTo(1000);
            assertThat(s.chunks()).as("a whole-run stage reads and writes every chunk").isEqualTo(3);
        });
        assertThat(record.stages()).extracting(StageRecord::rowsIn).containsExactly(1000L, 1000L, 1000L, 1000L);
        assertThat(record.models()).extracting(ModelUse::version).containsExactly(1, 1);
    }

    /**
     * A score run pinned to version 1 keeps scoring with it after version 2 (trained on inverted labels)
     * is promoted between its chunks; a duplicate trigger of the same file keeps the pin; a run started
     * after the promotion is pinned to version 2.
     */
    static void scoreRunKeepsItsVersionWhenLatestMovesMidRun(RunDriver driver) {
        Pipeline pipeline = Pipeline.compile(MlFixtures.pipeline(TRAIN));
        store(driver, pipeline, "setup-1", false);
        driver.catalog.save("ml-test", MlFixtures.pipeline(400, SCORE));

        StartOutcome.Start start = (StartOutcome.Start) driver.land("ml-test", "b.csv", "0x1", MlFixtures.csv(ROWS));
        RunInput input = start.state().input();
        StagePlan scoring = input.stages().get(0);
        List<StageTask> tasks = driver.dispatch(input, scoring, 1);
        assertThat(start.record().models()).containsExactly(new ModelUse("predict", ModelUse.SCORE, "zones", 1));
        assertThat(tasks).hasSize(3).allSatisfy(t -> assertThat(t.getModelVersions()).containsExactly(Map.entry("predict", 1)));

        driver.handle(tasks.get(0));
        store(driver, pipeline, "setup-2", true);
        assertThat(driver.registry.latest("zones")).as("promoted mid-run").contains(2);
        driver.handle(tasks.get(1));
        driver.handle(tasks.get(2));
        StageSummary summary = driver.finish(input, scoring);

        for (int c = 0; c < 3; c++) {
            assertThat(accuracy(driver.chunks.read(new ChunkId(input.runId(), "ml-1", c))))
                    .as("chunk %d scored by version 1", c).isGreaterThan(0.85);
        }
        StartOutcome.Start duplicate = (StartOutcome.Start) driver.land("ml-test", "b.csv", "0x1", MlFixtures.csv(ROWS));
        assertThat(duplicate.state().input().stages().get(0).models()).containsExactly(Map.entry("predict", 1));
        assertThat(driver.complete(input, List.of(summary)).models())
                .containsExactly(new ModelUse("predict", ModelUse.SCORE, "zones", 1));

        StartOutcome.Start later = (StartOutcome.Start) driver.land("ml-test", "b.csv", "0x2", MlFixtures.csv(ROWS));
        assertThat(later.state().input().stages().get(0).models()).containsExactly(Map.entry("predict", 2));
        driver.dispatch(later.state().input(), later.state().input().stages().get(0), 1).forEach(driver::handle);
        assertThat(accuracy(driver.chunks.read(new ChunkId(later.runId(), "ml-1", 0))))
                .as("version 2 predicts the inverted labels").isLessThan(0.15);
    }

    /** Trains the pipeline's train step on {@link #ROWS} (labels inverted if asked) and stores and promotes it. */
    private static void store(RunDriver driver, Pipeline pipeline, String runId, boolean invert) {
        TrainSpec spec = TrainSpec.of(((MlConfig) pipeline.definition().steps().get(0).config()).settings());
        TrainingTable table = new TrainingTable(spec, MlFixtures.SCHEMA);
        List<Map<String, Object>> rows = ROWS.stream().map(r -> {
            Map<String, Object> copy = new HashMap<>(r);
            if (invert) {
                copy.put("cls", r.get("cls").equals("high") ? "low" : "high");
            }
            return copy;
        }).toList();
        var chunks = MlFixtures.chunks(runId, rows, rows.size());
        chunks.read(new ChunkId(runId, "ingest", 0)).rows().forEach(r -> table.add(r.record()));
        new TrainStage("setup", "v1", "learn", spec, MlFixtures.SCHEMA, driver.registry, RunDriver.CLOCK)
                .store(runId, ModelTrainer.train(table));
    }

    /** Share of rows whose predicted label is their class. */
    private static double accuracy(Chunk chunk) {
        long right = 0;
        for (SourcedRecord r : chunk.rows()) {
            if (r.record().get("predicted").toString().equals(r.record().get("cls").toString())) {
                right++;
            }
        }
        return (double) right / chunk.size();
    }
}
