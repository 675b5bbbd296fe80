package com.doe.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.doe.api.ApiResponse;
import com.doe.api.ModelApi;
import com.doe.ml.registry.InMemoryModelStore;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.score.ModelChecks;
import com.doe.ml.score.ModelSource;
import com.doe.ml.train.TrainedModel;
import com.doe.pipeline.Pipeline;
import com.doe.plan.StageResult;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Models uploaded through {@code POST /api/models/{name}/versions} are scored by {@code score} steps
 * that name them, exactly as ONNX Runtime computes them from the rows' raw values.
 */
class ModelUploadScoreTest {

    private static final List<Map<String, Object>> ROWS = MlFixtures.rows(300, 5);
    private static final String FEATURES = "\"features\": {\"numeric\": [\"x1\", \"x2\"]}";

    private final ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());
    private final ModelApi api = new ModelApi(registry);
    private final ModelSource models = new ModelSource(registry);

    private void upload(String name, byte[] onnx, String inputs, String task, String labels) {
        Map<String, String> query = labels == null ? Map.of("inputs", inputs, "task", task, "promote", "true")
                : Map.of("inputs", inputs, "task", task, "labels", labels, "promote", "true");
        ApiResponse r = api.upload(name, onnx, "application/octet-stream", query);
        assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
    }

    private static String score(String model, String output) {
        return "{\"id\": \"predict\", \"type\": \"score\", \"model\": \"" + model + "\", \"output\": " + output + "}";
    }

    /** What the Tribuo model predicts for a row's raw x1 and x2 (an uploaded model sees raw values). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Prediction<?> tribuo(TrainedModel m, GenericRecord row, org.tribuo.Output unknown) {
        double[] raw = {(Double) row.get("x1"), (Double) row.get("x2")};
        return ((Model) m.model()).predict(new ArrayExample(unknown, m.features().featureNames(), raw));
    }

    @Test
    void uploadedLinearRegressionIsScoredByAScoreStepAsTheModelPredicts() {
        TrainedModel trained = MlFixtures.train("{\"id\": \"fit\", \"type\": \"train\", \"model\": \"y\", "
                + "\"task\": \"regression\", " + FEATURES + ", \"target\": \"y\"}", ROWS);
        upload("y-hat", trained.onnx(), "x1,x2", "regression", null);

        StageResult out = MlFixtures.score(models, ROWS, score("y-hat", "{\"score\": \"predicted\"}"));

        assertThat(out.output().rows()).hasSize(ROWS.size());
        assertThat(out.rejected()).isEmpty();
        for (var r : out.output().rows()) {
            double expected = ((Regressor) tribuo(trained, r.record(), RegressionFactory.UNKNOWN_REGRESSOR).getOutput())
                    .getValues()[0];
            assertThat((Double) r.record().get("predicted")).isCloseTo(expected, within(1e-4 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void uploadedClassifierWithoutALabelOutputNamesItsClassesFromTheLabelsParameter() {
        TrainedModel trained = MlFixtures.train("{\"id\": \"learn\", \"type\": \"train\", \"model\": \"c\", "
                + "\"task\": \"classification\", " + FEATURES + ", \"target\": \"cls\"}", ROWS);
        upload("cls", trained.onnx(), "x1,x2", "classification", String.join(",", trained.labels()));

        StageResult out = MlFixtures.score(models, ROWS, score("cls", "{\"label\": \"predicted\", \"score\": \"p\"}"));

        assertThat(trained.labels()).containsExactlyInAnyOrder("high", "low");
        for (var r : out.output().rows()) {
            Label expected = (Label) tribuo(trained, r.record(), LabelFactory.UNKNOWN_LABEL).getOutput();
            assertThat(r.record().get("predicted")).isEqualTo(expected.getLabel());
            assertThat((Double) r.record().get("p")).isCloseTo(expected.getScore(), within(1e-5));
        }
    }

    @Test
    void perFieldInputsAreFedByTheirNamesWhateverTheOrderDeclared() {
        upload("sum", OnnxGraphs.perFieldRegression(), "x2,x1", "regression", null);

        StageResult out = MlFixtures.score(models, ROWS, score("sum", "{\"score\": \"s\"}"));

        for (var r : out.output().rows()) {
            double expected = 2 * (Double) r.record().get("x1") + (Double) r.record().get("x2");
            assertThat((Double) r.record().get("s")).isCloseTo(expected, within(1e-4 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void classifierWithItsOwnLabelOutputGivesThatLabelAndTheWinningProbability() {
        upload("zones", OnnxGraphs.classifier(true, true), "x1,x2", "classification", null);

        StageResult out = MlFixtures.score(models, ROWS, score("zones", "{\"label\": \"zone_id\", \"score\": \"p\"}"));

        for (var r : out.output().rows()) {
            double x1 = (Double) r.record().get("x1");
            double x2 = (Double) r.record().get("x2");
            double[] logits = {4 * x1 - x2, -x1 + 4 * x2, -3 * x1 - 3 * x2};
            int best = logits[0] >= logits[1] && logits[0] >= logits[2] ? 0 : logits[1] >= logits[2] ? 1 : 2;
            double sum = Math.exp(logits[0]) + Math.exp(logits[1]) + Math.exp(logits[2]);
            assertThat(r.record().get("zone_id")).isEqualTo(Integer.toString(best));
            assertThat((Double) r.record().get("p")).isCloseTo(Math.exp(logits[best]) / sum, within(1e-5));
        }
    }

    @Test
    void scoreStepsAskingForWhatAnUploadedModelCannotGiveAreRefusedBeforeTheRun() {
        upload("labels-only", OnnxGraphs.classifier(true, false), "x1,x2", "classification", null);
        upload("y-hat", OnnxGraphs.linear("rows", 2L, 1f, 1f), "x1,x2", "regression", null);

        var noScore = ModelChecks.check(Pipeline.compile(MlFixtures.pipeline(score("labels-only",
                "{\"label\": \"zone\", \"score\": \"p\"}"))), models).problems();
        var noLabel = ModelChecks.check(Pipeline.compile(MlFixtures.pipeline(score("y-hat",
                "{\"label\": \"l\", \"score\": \"s\"}"))), models).problems();

        assertThat(noScore).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/steps/0/output/score");
            assertThat(p.message()).contains("model 'labels-only' version 1 has no score output");
        });
        assertThat(noLabel).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/steps/0/output/label");
            assertThat(p.message()).contains("a regression model predicts a number");
        });
        assertThat(MlFixtures.score(models, ROWS, score("labels-only", "{\"label\": \"zone\"}")).output().rows())
                .allSatisfy(r -> assertThat(r.record().get("zone").toString()).isIn("0", "1", "2"));
    }
}
