package com.doe.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.DoeException;
import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.InMemoryChunkStore;
import com.doe.ml.registry.InMemoryModelStore;
import com.doe.ml.registry.ModelManifest;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.score.ModelSource;
import com.doe.ml.train.LowQualityException;
import com.doe.ml.train.ModelMetrics;
import com.doe.ml.train.TrainOutcome;
import com.doe.ml.train.TrainStage;
import com.doe.step.ml.MlConfig;
import com.doe.pipeline.Pipeline;
import com.doe.plan.MlStage;
import com.doe.plan.Planner;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainStageTest {

    private static final List<Map<String, Object>> ROWS = MlFixtures.rows(1500, 7);
    private final ChunkStore chunks = MlFixtures.chunks("run-1", ROWS, 500);

    private static TrainOutcome train(ModelRegistry registry, ChunkStore chunks, String step) {
        Pipeline p = Pipeline.compile(MlFixtures.pipeline(step));
        MlStage stage = new MlStage(p, Planner.plan(p).stages().get(0), new ModelSource(registry), Clock.systemUTC());
        return stage.trainRun("run-1", chunks).outcomes().get(0);
    }

    private static String classifier(String algorithm, long seed, String extra) {
        return "{\"id\": \"learn\", \"type\": \"train\", \"model\": \"zones\", \"task\": \"classification\", "
                + "\"algorithm\": \"" + algorithm + "\", \"features\": {\"numeric\": [\"x1\", \"x2\", \"x3\"], "
                + "\"categorical\": [\"zone\"]}, \"target\": \"cls\", \"seed\": " + seed + extra + "}";
    }

    @Test
    void logisticRegressionLearnsTheRuleBeyondWhatTheMajorityClassReaches() {
        ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());

        TrainOutcome out = train(registry, chunks, classifier("logistic-regression", 42, ""));

        double majority = ROWS.stream().filter(r -> r.get("cls").equals("high")).count() / (double) ROWS.size();
        var m = (ModelMetrics.Classification) out.metrics();
        assertThat(Math.max(majority, 1 - majority)).isLessThan(0.7);
        assertThat(m.accuracy()).isGreaterThan(0.93);
        assertThat(m.macroF1()).isGreaterThan(0.9);
        assertThat(m.rows()).isEqualTo(300);
        assertThat(m.labels()).containsExactly("high", "low");
        assertThat(m.confusion()[0][0] + m.confusion()[0][1] + m.confusion()[1][0] + m.confusion()[1][1]).isEqualTo(300);
        assertThat(out.trainRows()).isEqualTo(1200);
        assertThat(out.promoted()).isTrue();
        assertThat(registry.latest("zones")).contains(1);
        ModelManifest manifest = registry.resolve("zones", "latest");
        assertThat(manifest.files()).containsExactly("model.tribuo", "model.onnx");
        assertThat(manifest.runId()).isEqualTo("run-1");
        assertThat(manifest.pipelineId()).isEqualTo("ml-test");
        assertThat(manifest.pipelineVersion()).isNotBlank();
        assertThat(manifest.schemaFingerprint()).hasSize(16);
        assertThat(manifest.features().categorical().get(0).categories()).containsExactly("east", "north", "south");
    }

    @Test
    void sameSeedGivesTheSameMetricsAndAnotherSeedAnotherSplit() {
        TrainOutcome a = train(new ModelRegistry(new InMemoryModelStore()), chunks, classifier("logistic-regression", 42, ""));
        TrainOutcome b = train(new ModelRegistry(new InMemoryModelStore()), chunks, classifier("logistic-regression", 42, ""));
        TrainOutcome c = train(new ModelRegistry(new InMemoryModelStore()), chunks, classifier("random-forest", 42, ", \"trees\": 10"));
        TrainOutcome d = train(new ModelRegistry(new InMemoryModelStore()), chunks, classifier("random-forest", 42, ", \"trees\": 10"));
        TrainOutcome e = train(new ModelRegistry(new InMemoryModelStore()), chunks, classifier("random-forest", 43, ", \"trees\": 10"));

        assertThat(b.metrics()).usingRecursiveComparison().isEqualTo(a.metrics());
        assertThat(d.metrics()).usingRecursiveComparison().isEqualTo(c.metrics());
        assertThat(e.metrics()).usingRecursiveComparison().isNotEqualTo(c.metrics());
    }

    @Test
    void randomForestClassifierLearnsTheRule() {
        TrainOutcome out = train(new ModelRegistry(new InMemoryModelStore()), chunks,
                classifier("random-forest", 42, ", \"trees\": 20, \"maxDepth\": 8"));

        assertThat(((ModelMetrics.Classification) out.metrics()).accuracy()).isGreaterThan(0.85);
    }

    @Test
    void regressionModelsFitALinearRuleWithACategoricalOffset() {
        String linear = "{\"id\": \"fit\", \"type\": \"train\", \"model\": \"y-linear\", \"task\": \"regression\", "
                + "\"algorithm\": \"linear-regression\", \"features\": {\"numeric\": [\"x1\", \"x2\"], \"categorical\": [\"zone\"]}, "
                + "\"target\": \"y\", \"minQuality\": {\"r2\": 0.95, \"rmse\": 1.0}}";
        String forest = linear.replace("y-linear", "y-forest").replace("linear-regression", "random-forest")
                .replace("\"minQuality\": {\"r2\": 0.95, \"rmse\": 1.0}", "\"trees\": 20");
        ChunkStore noOutliers = MlFixtures.chunks("run-1", ROWS.stream().filter(r -> !(Boolean) r.get("outlier")).toList(), 500);

        var lin = (ModelMetrics.Regression) train(new ModelRegistry(new InMemoryModelStore()), noOutliers, linear).metrics();
        var rf = (ModelMetrics.Regression) train(new ModelRegistry(new InMemoryModelStore()), noOutliers, forest).metrics();

        assertThat(lin.r2()).isGreaterThan(0.95);
        assertThat(lin.rmse()).isLessThan(1.0);
        assertThat(lin.mae()).isLessThan(lin.rmse());
        assertThat(rf.r2()).isGreaterThan(0.7);
    }

    @Test
    void oneClassSvmFlagsTheOutliers() {
        String step = "{\"id\": \"watch\", \"type\": \"train\", \"model\": \"odd\", \"task\": \"anomaly\", "
                + "\"features\": {\"numeric\": [\"x1\", \"x2\"]}, \"target\": \"outlier\", \"nu\": 0.05}";

        var m = (ModelMetrics.Anomaly) train(new ModelRegistry(new InMemoryModelStore()), chunks, step).metrics();

        assertThat(m.recall()).isGreaterThan(0.9);
        assertThat(m.precision()).isGreaterThan(0.3);
        assertThat(m.anomalyRate()).isBetween(0.04, 0.25);
    }

    @Test
    void kMeansSeparatesTheZonesWhenTheyAreTheOnlyFeature() {
        String step = "{\"id\": \"group\", \"type\": \"train\", \"model\": \"groups\", \"task\": \"clustering\", "
                + "\"features\": {\"categorical\": [\"zone\"]}, \"clusters\": 3, \"testFraction\": 0}";

        var m = (ModelMetrics.Clustering) train(new ModelRegistry(new InMemoryModelStore()), chunks, step).metrics();

        assertThat(m.evaluatedOn()).isEqualTo("train");
        assertThat(m.sizes()).hasSize(3);
        assertThat(java.util.Arrays.stream(m.sizes()).boxed()).allSatisfy(s -> assertThat(s).isBetween(300L, 700L));
        assertThat(m.meanDistance()).isLessThan(1e-6);
    }

    @Test
    void modelMissingMinQualityIsStoredButNotPromoted() {
        ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());
        train(registry, chunks, classifier("logistic-regression", 42, ""));

        TrainOutcome weak = train(registry, MlFixtures.chunks("run-1", ROWS, 500), classifier("logistic-regression", 42,
                ", \"minQuality\": {\"accuracy\": 0.999}").replace("\"id\": \"learn\"", "\"id\": \"learn2\""));

        assertThat(weak.version()).isEqualTo(2);
        assertThat(weak.promoted()).isFalse();
        assertThat(weak.warning()).contains("model 'zones' version 2 was stored but not promoted", "accuracy 0.9", "< 0.9990",
                "'latest' still points to version 1");
        assertThat(registry.latest("zones")).contains(1);
        assertThat(registry.resolve("zones", "2").qualityMet()).isFalse();
    }

    @Test
    void failOnLowQualityFailsTheRunAfterStoringTheModel() {
        ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());

        assertThatThrownBy(() -> train(registry, chunks, classifier("logistic-regression", 42,
                ", \"minQuality\": {\"macroF1\": 0.999}, \"failOnLowQuality\": true")))
                .isInstanceOf(LowQualityException.class)
                .hasMessageContaining("version 1 was stored but not promoted")
                .hasMessageContaining("failOnLowQuality, so the run fails")
                .satisfies(e -> assertThat(((LowQualityException) e).outcome().version()).isEqualTo(1));
        assertThat(registry.latest("zones")).isEmpty();
        assertThat(registry.get("zones").versions()).hasSize(1);
    }

    @Test
    void retriedTrainingOfTheSameRunAndStepReusesItsVersion() {
        ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());

        TrainOutcome first = train(registry, chunks, classifier("logistic-regression", 42, ""));
        TrainOutcome retry = train(registry, chunks, classifier("logistic-regression", 42, ""));

        assertThat(retry.version()).isEqualTo(first.version()).isEqualTo(1);
        assertThat(registry.get("zones").versions()).hasSize(1);
    }

    @Test
    void wholeRunStageTrainsOnceOnEveryRowOfEveryChunkAndPassesTheRowsThrough() {
        ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());
        Pipeline p = Pipeline.compile(MlFixtures.pipeline(classifier("logistic-regression", 42, "")));
        MlStage stage = new MlStage(p, Planner.plan(p).stages().get(0), new ModelSource(registry), Clock.systemUTC());

        MlStage.TrainRun run = stage.trainRun("run-1", chunks);

        assertThat(stage.stage().wholeRun()).isTrue();
        assertThat(run.chunks()).isEqualTo(3);
        assertThat(run.stats().rowsIn()).isEqualTo(1500);
        assertThat(run.stats().rowsOut()).isEqualTo(1500);
        assertThat(run.stats().isBalanced()).isTrue();
        assertThat(registry.get("zones").versions()).singleElement().satisfies(m -> {
            assertThat(m.rows()).isEqualTo(new ModelManifest.Rows(1500, 1200, 300, 0));
            assertThat(m.runId()).isEqualTo("run-1");
        });
        InMemoryChunkStore store = (InMemoryChunkStore) chunks;
        assertThat(chunks.list("run-1", "ml-1")).containsExactly(0, 1, 2);
        for (int c = 0; c < 3; c++) {
            assertThat(chunks.read(new ChunkId("run-1", "ml-1", c)).rows()).extracting(r -> r.record().toString())
                    .containsExactlyElementsOf(chunks.read(new ChunkId("run-1", "ingest", c)).rows().stream()
                            .map(r -> r.record().toString()).toList());
        }
        byte[] before = store.bytes(new ChunkId("run-1", "ml-1", 1));
        stage.trainRun("run-1", chunks);
        assertThat(store.bytes(new ChunkId("run-1", "ml-1", 1))).as("a re-delivery writes the same bytes").isEqualTo(before);
    }

    @Test
    void redeliveredTrainingNeitherTrainsAgainNorStoresAVersionNorMovesLatestBack() {
        CountingModelStore store = new CountingModelStore();
        ModelRegistry registry = new ModelRegistry(store);
        Pipeline p = Pipeline.compile(MlFixtures.pipeline(classifier("logistic-regression", 42, "")));
        MlStage stage = new MlStage(p, Planner.plan(p).stages().get(0), new ModelSource(registry), Clock.systemUTC());
        TrainOutcome first = stage.trainRun("run-1", chunks).outcomes().get(0);
        stage.trainRun("run-2", MlFixtures.chunks("run-2", ROWS, 500));
        assertThat(registry.latest("zones")).contains(2);
        int puts = store.puts.get();

        TrainOutcome again = stage.trainRun("run-1", chunks).outcomes().get(0);

        assertThat(again.version()).isEqualTo(first.version()).isEqualTo(1);
        assertThat(again.metrics()).usingRecursiveComparison().isEqualTo(first.metrics());
        assertThat(again.trainRows()).isEqualTo(1200);
        assertThat(store.puts.get()).as("no model file written again").isEqualTo(puts);
        assertThat(registry.get("zones").versions()).hasSize(2);
        assertThat(registry.latest("zones")).as("run-2's promotion stands").contains(2);
    }

    @Test
    void stepWhoseRunVersionIsStoredDoesNotTrainAgain() {
        ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());
        Pipeline p = Pipeline.compile(MlFixtures.pipeline(classifier("logistic-regression", 42, "")));
        new MlStage(p, Planner.plan(p).stages().get(0), new ModelSource(registry), Clock.systemUTC()).trainRun("run-1", chunks);
        TrainStage step = new TrainStage("ml-test", "v1", "learn", TrainSpec.of(((MlConfig) p.definition().steps().get(0)
                .config()).settings()), MlFixtures.SCHEMA, registry, Clock.systemUTC());

        TrainOutcome again = step.fit("run-1", step.newTable());

        assertThat(again.version()).isEqualTo(1);
        assertThat(again.trainRows()).isEqualTo(1200);
        assertThatThrownBy(() -> step.fit("run-2", step.newTable())).as("an empty table cannot be trained")
                .hasMessageContaining("has 0 usable training row(s)");
    }

    @Test
    void missingInputChunkFailsTheWholeRunStagePermanently() {
        InMemoryChunkStore gappy = new InMemoryChunkStore();
        gappy.write(chunks.read(new ChunkId("run-1", "ingest", 0)));
        gappy.write(chunks.read(new ChunkId("run-1", "ingest", 2)));
        Pipeline p = Pipeline.compile(MlFixtures.pipeline(classifier("logistic-regression", 42, "")));
        MlStage stage = new MlStage(p, Planner.plan(p).stages().get(0),
                new ModelSource(new ModelRegistry(new InMemoryModelStore())), Clock.systemUTC());

        assertThatThrownBy(() -> stage.trainRun("run-1", gappy)).isInstanceOf(DoeException.class)
                .hasMessageContaining("chunk 1 is missing (found [0, 2])")
                .satisfies(e -> assertThat(((DoeException) e).isRetryable()).isFalse());
    }

    /** Counts unconditional writes: model files go through {@code put}. */
    private static final class CountingModelStore extends ForwardingModelStore {
        private final AtomicInteger puts = new AtomicInteger();

        CountingModelStore() {
            super(new InMemoryModelStore());
        }

        @Override
        public void put(String path, byte[] bytes) {
            puts.incrementAndGet();
            super.put(path, bytes);
        }
    }
}
