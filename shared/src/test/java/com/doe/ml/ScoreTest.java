package com.doe.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.SourcedRecord;
import com.doe.format.DatasetSchema;
import com.doe.ml.onnx.OnnxModel;
import com.doe.ml.registry.InMemoryModelStore;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.score.ModelChecks;
import com.doe.ml.score.ModelSource;
import com.doe.ml.score.OnnxScorer;
import com.doe.ml.score.TribuoScorer;
import com.doe.ml.train.FeatureEncoder;
import com.doe.ml.train.ModelTrainer;
import com.doe.ml.train.TrainStage;
import com.doe.ml.train.TrainedModel;
import com.doe.ml.train.TrainingTable;
import com.doe.pipeline.InvalidPipelineException;
import com.doe.pipeline.Pipeline;
import com.doe.plan.MlStage;
import com.doe.plan.Planner;
import com.doe.plan.StageResult;
import com.doe.run.ModelUse;
import com.doe.step.ml.MlConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTest {

    private static final List<Map<String, Object>> ROWS = MlFixtures.rows(1000, 11);
    private static final String TRAIN = "{\"id\": \"learn\", \"type\": \"train\", \"model\": \"zones\", \"task\": \"classification\", "
            + "\"features\": {\"numeric\": [\"x1\", \"x2\", \"x3\"], \"categorical\": [\"zone\"]}, \"target\": \"cls\"}";
    private static final String SCORE = "{\"id\": \"predict\", \"type\": \"score\", \"model\": \"zones\", "
            + "\"output\": {\"label\": \"predicted\", \"score\": \"probability\"}}";

    private final ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());

    /** Trains the classifier directly (keeping the in-memory model) and stores it as the train step would. */
    private TrainedModel trainAndStore(String step) {
        Pipeline p = Pipeline.compile(MlFixtures.pipeline(step));
        var spec = TrainSpec.of(((MlConfig) p.definition().steps().get(0).config()).settings());
        TrainingTable table = new TrainingTable(spec, MlFixtures.SCHEMA);
        ChunkStore chunks = MlFixtures.chunks("run-1", ROWS, 400);
        chunks.list("run-1", "ingest").forEach(i -> chunks.read(new ChunkId("run-1", "ingest", i)).rows()
                .forEach(r -> table.add(r.record())));
        TrainedModel trained = ModelTrainer.train(table);
        new TrainStage("ml-test", "v1", "learn", spec, MlFixtures.SCHEMA, registry, Clock.systemUTC()).store("run-1", trained);
        return trained;
    }

    private static double[] encode(TrainedModel m, List<SourcedRecord> rows) {
        FeatureEncoder enc = new FeatureEncoder(m.features(), MlFixtures.SCHEMA);
        double[] x = new double[rows.size() * enc.width()];
        for (int i = 0; i < rows.size(); i++) {
            enc.encode(rows.get(i).record(), x, i * enc.width());
        }
        return x;
    }

    private StageResult scoreChunk(boolean preferOnnx, String... steps) {
        Pipeline p = Pipeline.compile(MlFixtures.pipeline(steps));
        ModelSource source = new ModelSource(registry, preferOnnx);
        ModelChecks.Result checks = ModelChecks.check(p, source);
        assertThat(checks.problems()).isEmpty();
        MlStage stage = new MlStage(p, Planner.plan(p).stages().get(0), source, Clock.systemUTC());
        return stage.process(MlFixtures.chunks("run-2", ROWS, 1000).read(new ChunkId("run-2", "ingest", 0)), checks.pins());
    }

    @Test
    void registryModelReproducesTheTrainingTimePredictions() {
        TrainedModel trained = trainAndStore(TRAIN);
        List<SourcedRecord> rows = MlFixtures.chunks("run-2", ROWS, 1000).read(new ChunkId("run-2", "ingest", 0)).rows();
        String[] labels = new String[rows.size()];
        double[] scores = new double[rows.size()];
        new TribuoScorer(trained.model(), trained.features(), Task.CLASSIFICATION).score(encode(trained, rows), rows.size(), labels, scores);

        StageResult viaTribuo = scoreChunk(false, SCORE);
        StageResult viaOnnx = scoreChunk(true, SCORE);

        assertThat(viaTribuo.output().rows()).hasSize(1000);
        for (int i = 0; i < rows.size(); i++) {
            var tribuo = viaTribuo.output().rows().get(i).record();
            var onnx = viaOnnx.output().rows().get(i).record();
            assertThat(tribuo.get("predicted")).isEqualTo(labels[i]);
            assertThat((Double) tribuo.get("probability")).isEqualTo(scores[i]);
            assertThat(onnx.get("predicted")).isEqualTo(labels[i]);
            assertThat((Double) onnx.get("probability")).isCloseTo(scores[i], within(1e-5));
            assertThat(tribuo.get("id")).isEqualTo(rows.get(i).record().get("id"));
        }
        assertThat(viaOnnx.output().schema().names()).endsWith("predicted", "probability");
    }

    @Test
    void exportedOnnxModelsScoreLikeTribuoForClassificationAndRegression() {
        TrainedModel cls = trainAndStore(TRAIN);
        TrainedModel reg = trainAndStore(TRAIN.replace("zones", "ys").replace("classification", "regression")
                .replace("\"cls\"", "\"y\""));
        List<SourcedRecord> rows = MlFixtures.chunks("run-2", ROWS, 1000).read(new ChunkId("run-2", "ingest", 0)).rows();

        for (TrainedModel m : List.of(cls, reg)) {
            double[] x = encode(m, rows);
            String[] nativeLabels = new String[rows.size()];
            double[] nativeScores = new double[rows.size()];
            String[] onnxLabels = new String[rows.size()];
            double[] onnxScores = new double[rows.size()];
            new TribuoScorer(m.model(), m.features(), m.spec().task()).score(x, rows.size(), nativeLabels, nativeScores);
            try (OnnxModel onnx = OnnxModel.load("exported", m.onnx(), m.features().width())) {
                OnnxScorer.exported(onnx, m.spec().task(), m.labels(), m.features()).score(x, rows.size(), onnxLabels, onnxScores);
            }
            assertThat(onnxLabels).containsExactly(nativeLabels);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(onnxScores[i]).isCloseTo(nativeScores[i], within(1e-4 * Math.max(1, Math.abs(nativeScores[i]))));
            }
        }
    }

    @Test
    void uploadedOnnxFileScoresFromItsInputsAndRejectsRowsWithANullInput() {
        TrainedModel reg = trainAndStore(TRAIN.replace("zones", "ys").replace("classification", "regression")
                .replace("\"cls\"", "\"y\"").replace("\"numeric\": [\"x1\", \"x2\", \"x3\"], \"categorical\": [\"zone\"]",
                        "\"numeric\": [\"x1\", \"x3\"]"));
        String path = registry.uploadOnnxFile("risk.onnx", reg.onnx(), 2);

        StageResult out = scoreChunk(true, "{\"id\": \"external\", \"type\": \"score\", \"onnx\": \"" + path + "\", "
                + "\"inputs\": [\"x1\", \"x3\"], \"output\": {\"score\": \"risk\"}}");

        assertThat(path).isEqualTo("models/uploads/risk.onnx");
        assertThat(out.rejected()).hasSize(20).allSatisfy(e -> assertThat(e.reason()).contains("input 'x3' is null"));
        assertThat(out.output().rows()).hasSize(980);
        var first = out.output().rows().get(0).record();
        double x1 = (Double) first.get("x1");
        double x3 = (Double) first.get("x3");
        // an uploaded model sees the raw values of its inputs, here unstandardised x1 and x3
        @SuppressWarnings("unchecked")
        var model = (org.tribuo.Model<org.tribuo.regression.Regressor>) reg.model();
        double expected = model.predict(new org.tribuo.impl.ArrayExample<>(org.tribuo.regression.RegressionFactory.UNKNOWN_REGRESSOR,
                reg.features().featureNames(), new double[] {x1, x3})).getOutput().getValues()[0];
        assertThat((Double) first.get("risk")).isCloseTo(expected, within(1e-4 * Math.max(1, Math.abs(expected))));
        assertThat(out.stats().rowsIn()).isEqualTo(out.stats().rowsOut() + out.stats().rejected());
    }

    @Test
    void scoreStepWhoseRowsLackAFeatureIsAProblemBeforeTheRun() {
        trainAndStore(TRAIN);
        Pipeline p = Pipeline.compile(MlFixtures.pipeline(
                "{\"id\": \"slim\", \"type\": \"map\", \"drop\": [\"x2\"]}", SCORE));

        ModelChecks.Result checks = ModelChecks.check(p, new ModelSource(registry));

        assertThat(checks.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.pointer()).isEqualTo("/steps/1");
            assertThat(problem.message()).contains("Step 'predict' (score)", "numeric feature 'x2' is missing from the records",
                    "model 'zones' version 1");
        });
    }

    @Test
    void onnxInputOfTheWrongTypeIsAValidationError() {
        assertThatThrownBy(() -> Pipeline.compile(MlFixtures.pipeline("{\"id\": \"external\", \"type\": \"score\", "
                + "\"onnx\": \"models/uploads/risk.onnx\", \"inputs\": [\"x1\", \"zone\"], \"output\": {\"score\": \"risk\"}}")))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("/steps/0/inputs/1")
                .hasMessageContaining("ONNX input 'zone' is of type string");
    }

    @Test
    void unknownModelNameIsAClearError() {
        trainAndStore(TRAIN);
        Pipeline p = Pipeline.compile(MlFixtures.pipeline(SCORE.replace("\"zones\"", "\"zone\"")));

        ModelChecks.Result checks = ModelChecks.check(p, new ModelSource(registry));

        assertThat(checks.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.pointer()).isEqualTo("/steps/0/model");
            assertThat(problem.message()).contains("There is no model named 'zone' in the registry (models: zones)");
        });
        assertThatThrownBy(() -> registry.resolve("zones", "7")).isInstanceOf(ModelNotFoundException.class)
                .hasMessage("Model 'zones' has no version 7 (versions: [1]). Use one of them, or \"latest\".");
    }

    @Test
    void corruptOnnxFileIsAClearErrorNamingTheFile() {
        byte[] junk = "this is not a protobuf model".getBytes();
        InMemoryModelStore store = new InMemoryModelStore();
        ModelRegistry withJunk = new ModelRegistry(store);
        store.put("uploads/broken.onnx", junk);

        assertThatThrownBy(() -> withJunk.uploadOnnxFile("bad.onnx", junk, 2)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("uploaded ONNX file bad.onnx is not a valid ONNX model");
        assertThat(store.list("uploads/")).containsExactly("uploads/broken.onnx");
        Pipeline p = Pipeline.compile(MlFixtures.pipeline("{\"id\": \"external\", \"type\": \"score\", "
                + "\"onnx\": \"models/uploads/broken.onnx\", \"inputs\": [\"x1\", \"x2\"], \"output\": {\"score\": \"risk\"}}"));
        ModelChecks.Result checks = ModelChecks.check(p, new ModelSource(withJunk));
        assertThat(checks.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.pointer()).isEqualTo("/steps/0/onnx");
            assertThat(problem.message()).contains("ONNX model models/uploads/broken.onnx is not a valid ONNX model",
                    "upload the .onnx file again");
        });
        Pipeline missing = Pipeline.compile(MlFixtures.pipeline("{\"id\": \"external\", \"type\": \"score\", "
                + "\"onnx\": \"models/uploads/none.onnx\", \"inputs\": [\"x1\", \"x2\"], \"output\": {\"score\": \"risk\"}}"));
        assertThat(ModelChecks.check(missing, new ModelSource(withJunk)).problems().get(0).message())
                .contains("ONNX model models/uploads/none.onnx does not exist");
    }

    @Test
    void scoreAfterTrainRunsInALaterStageOnTheVersionTheRunTrained() {
        trainAndStore(TRAIN); // version 1, promoted: 'latest' before the run
        Pipeline p = Pipeline.compile(MlFixtures.pipeline(TRAIN.replace("learn", "relearn"), SCORE));
        ModelSource source = new ModelSource(registry);
        var plan = Planner.plan(p);
        ChunkStore chunks = MlFixtures.chunks("run-3", ROWS, 400);

        RunModels.Resolution models = new RunModels(source).resolve("run-3", p);
        MlStage train = new MlStage(p, plan.stages().get(0), source, Clock.systemUTC());
        MlStage score = new MlStage(p, plan.stages().get(1), source, Clock.systemUTC());
        var run = train.trainRun("run-3", chunks);
        StageResult first = score.process(chunks.read(new ChunkId("run-3", train.stage().name(), 0)), models.pins());

        assertThat(plan.stages()).extracting(s -> s.name() + ":" + s.wholeRun()).containsExactly("ml-1:true", "ml-2:false");
        assertThat(models.problems()).isEmpty();
        assertThat(models.uses()).containsExactly(new ModelUse("relearn", ModelUse.TRAIN, "zones", 2),
                new ModelUse("predict", ModelUse.SCORE, "zones", 2));
        assertThat(run.outcomes()).singleElement().satisfies(o -> assertThat(o.version()).isEqualTo(2));
        assertThat(run.chunks()).isEqualTo(3);
        assertThat(run.stats().rowsIn()).isEqualTo(1000).isEqualTo(run.stats().rowsOut());
        assertThat(chunks.list("run-3", "ml-1")).containsExactly(0, 1, 2);
        assertThat(first.output().size()).isEqualTo(400);
        long right = first.output().rows().stream().filter(r -> r.record().get("predicted").equals(r.record().get("cls"))).count();
        assertThat(right).isGreaterThan(360);
        DatasetSchema out = first.output().schema();
        assertThat(out.names()).contains("predicted", "probability");
    }
}
