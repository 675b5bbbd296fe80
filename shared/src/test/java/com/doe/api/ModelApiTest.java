package com.doe.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.ml.OnnxGraphs;
import com.doe.ml.RacingModelStore;
import com.doe.ml.registry.InMemoryModelStore;
import com.doe.ml.registry.ModelManifest;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.train.FeatureSpec;
import com.doe.ml.train.ModelMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelApiTest {

    private static final String OCTETS = "application/octet-stream";
    private static final Map<String, String> CLASSIFIER = Map.of("inputs", "x1,x2", "task", "classification");

    private final RacingModelStore store = new RacingModelStore(new InMemoryModelStore());
    private final ModelRegistry registry = new ModelRegistry(store,
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
    private final ModelApi api = new ModelApi(registry);

    /** Stores version {@code n} of "churn" as a train step of run {@code run-n} would. */
    private void trained(int n) {
        FeatureSpec features = new FeatureSpec(List.of(new FeatureSpec.Numeric("tenure", 12.5, 3.0)),
                List.of(new FeatureSpec.Categorical("plan", List.of("basic", "pro"))), "spend", 40.0, 9.0);
        registry.register(new ModelRegistry.NewVersion("churn", "run-" + n + "/learn",
                Map.of(ModelManifest.TRIBUO_FILE, new byte[] {1, 2, 3}), v -> new ModelManifest("churn", v,
                ModelManifest.TRIBUO, "regression", "linear-regression", features, null, null, "00ff00ff00ff00ff",
                new ModelMetrics.Regression("test", 200, 1.5 + n, 1.0, 0.9), true, null, "run-" + n, "shop", "fp-" + n,
                "learn", "2026-02-0" + n + "T00:00:00Z", List.of(ModelManifest.TRIBUO_FILE), null, null)));
    }

    private ApiResponse upload(String name, byte[] onnx, Map<String, String> query) {
        return api.upload(name, onnx, OCTETS, query);
    }

    private static String error(ApiResponse r) {
        return r.body().at("/error/code").asText() + ": " + r.body().at("/error/message").asText();
    }

    @Test
    void listShowsEveryModelWithItsVersionsNewestFirstAndTheLatestVersionsSummary() {
        trained(1);
        trained(2);
        registry.promote("churn", 1);
        upload("risk", OnnxGraphs.classifier(true, true), CLASSIFIER);

        JsonNode models = api.list().body().get("models");

        assertThat(models).hasSize(2);
        JsonNode churn = models.get(0);
        assertThat(churn.get("name").asText()).isEqualTo("churn");
        assertThat(churn.get("latest").asInt()).isEqualTo(1);
        assertThat(churn.get("versions")).extracting(JsonNode::asInt).containsExactly(2, 1);
        assertThat(churn.at("/summary/version").asInt()).isEqualTo(1);
        assertThat(churn.at("/summary/metrics/rmse").asDouble()).isEqualTo(2.5);
        assertThat(churn.at("/summary/encoding").isMissingNode()).as("list stays small").isTrue();
        assertThat(models.get(1).get("name").asText()).isEqualTo("risk");
        assertThat(models.get(1).get("latest").isNull()).isTrue();
        assertThat(models.get(1).get("summary").isNull()).isTrue();
    }

    @Test
    void modelShowsItsVersionsNewestFirstWithMetricsProvenanceAndWhichIsLatest() {
        trained(1);
        trained(2);
        registry.promote("churn", 1);

        ApiResponse r = api.get("churn");

        assertThat(r.status()).isEqualTo(200);
        JsonNode versions = r.body().get("versions");
        assertThat(r.body().get("latest").asInt()).isEqualTo(1);
        assertThat(versions).extracting(v -> v.get("version").asInt()).containsExactly(2, 1);
        assertThat(versions).extracting(v -> v.get("latest").asBoolean()).containsExactly(false, true);
        JsonNode newest = versions.get(0);
        assertThat(newest.get("kind").asText()).isEqualTo("tribuo");
        assertThat(newest.get("task").asText()).isEqualTo("regression");
        assertThat(newest.get("algorithm").asText()).isEqualTo("linear-regression");
        assertThat(newest.get("createdAt").asText()).isEqualTo("2026-02-02T00:00:00Z");
        assertThat(newest.get("fields")).extracting(JsonNode::asText).containsExactly("tenure", "plan");
        assertThat(newest.at("/metrics/rmse").asDouble()).isEqualTo(3.5);
        assertThat(newest.at("/metrics/r2").asDouble()).isEqualTo(0.9);
        assertThat(newest.at("/quality/met").asBoolean()).isTrue();
        assertThat(newest.at("/training/runId").asText()).isEqualTo("run-2");
        assertThat(newest.at("/training/pipelineId").asText()).isEqualTo("shop");
        assertThat(newest.at("/training/stepId").asText()).isEqualTo("learn");
        assertThat(newest.get("upload").isNull()).isTrue();
    }

    @Test
    void versionShowsOneVersionsMetadataAndEncodingButNotTheModelFile() {
        trained(1);
        registry.promote("churn", 1);

        JsonNode one = api.version("churn", "1").body();
        JsonNode latest = api.version("churn", "latest").body();

        assertThat(one.get("latest").asBoolean()).isTrue();
        assertThat(one.at("/encoding/numeric/0/mean").asDouble()).isEqualTo(12.5);
        assertThat(one.at("/encoding/categorical/0/categories")).extracting(JsonNode::asText).containsExactly("basic", "pro");
        assertThat(one.get("files")).extracting(JsonNode::asText).containsExactly("model.tribuo");
        assertThat(one.toString()).doesNotContain("AQID");
        assertThat(latest).isEqualTo(one);
    }

    @Test
    void unknownModelsAndVersionsAre404AndMalformedOnes400() {
        trained(1);

        assertThat(api.get("nope").status()).isEqualTo(404);
        assertThat(error(api.get("nope"))).contains("There is no model named 'nope'", "(models: churn)");
        assertThat(api.version("churn", "9").status()).isEqualTo(404);
        assertThat(error(api.version("churn", "9"))).contains("has no version 9 (versions: [1])");
        assertThat(api.version("churn", "latest").status()).as("none promoted").isEqualTo(404);
        assertThat(error(api.version("churn", "latest"))).contains("none is promoted", "/promote");
        assertThat(api.version("churn", "x").status()).isEqualTo(400);
        assertThat(api.get("Bad_Name").status()).isEqualTo(400);
        assertThat(error(api.get("Bad_Name"))).contains("lower-case letters, digits and '-'");
        assertThat(api.list().body().get("models")).hasSize(1);
    }

    @Test
    void promoteMovesLatestAndSaysWhatItWas() {
        trained(1);
        trained(2);
        registry.promote("churn", 1);

        ApiResponse first = api.promote("churn", "2", null);
        ApiResponse again = api.promote("churn", "2", null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("latest").asInt()).isEqualTo(2);
        assertThat(first.body().get("previous").asInt()).isEqualTo(1);
        assertThat(first.body().get("changed").asBoolean()).isTrue();
        assertThat(first.body().at("/version/latest").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("changed").asBoolean()).isFalse();
        assertThat(registry.latest("churn")).contains(2);
    }

    @Test
    void promoteWithIfMatchHappensOnlyWhileLatestIsTheExpectedVersion() {
        trained(1);
        trained(2);
        trained(3);
        registry.promote("churn", 2);

        ApiResponse stale = api.promote("churn", "3", "\"1\"");
        ApiResponse fresh = api.promote("churn", "3", "\"2\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(error(stale)).startsWith("precondition_failed")
                .contains("latest is version 2, not version 1", "nothing changed", "If-Match: \"2\"");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.body().get("previous").asInt()).isEqualTo(2);
        assertThat(registry.latest("churn")).contains(3);
        assertThat(api.promote("churn", "1", "W/\"3\"").status()).isEqualTo(200);
        assertThat(api.promote("churn", "2", "three").status()).isEqualTo(400);
    }

    @Test
    void promoteThatLosesARaceIsA409AndKeepsTheWinnersChoice() {
        trained(1);
        trained(2);
        trained(3);
        registry.promote("churn", 1);
        store.beforeNextReplace("churn/latest.json", () -> registry.promote("churn", 3));

        ApiResponse lost = api.promote("churn", "2", null);

        assertThat(lost.status()).isEqualTo(409);
        assertThat(error(lost)).startsWith("promotion_conflict")
                .contains("another promotion moved latest to version 3", "version 2 was not promoted",
                        "promote it again with If-Match: \"3\"");
        assertThat(registry.latest("churn")).contains(3);
    }

    @Test
    void promoteOfAnUnknownVersionIs404AndOfANonNumber400() {
        trained(1);

        assertThat(api.promote("churn", "7", null).status()).isEqualTo(404);
        assertThat(error(api.promote("churn", "1", "\"1\""))).contains("latest is not set (no version is promoted)");
        assertThat(api.promote("nope", "1", null).status()).isEqualTo(404);
        assertThat(api.promote("churn", "latest", null).status()).isEqualTo(400);
        assertThat(api.promote("churn", "0", null).status()).isEqualTo(400);
        assertThat(registry.latest("churn")).isEmpty();
    }

    @Test
    void uploadStoresANewVersionDescribingTheFileAndPromotesItOnRequest() {
        byte[] onnx = OnnxGraphs.classifier(true, true);

        ApiResponse r = upload("risk", onnx, Map.of("inputs", "x1, x2", "task", "classification", "promote", "true"));

        assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
        JsonNode v = r.body();
        assertThat(v.get("version").asInt()).isEqualTo(1);
        assertThat(v.get("kind").asText()).isEqualTo("onnx");
        assertThat(v.get("task").asText()).isEqualTo("classification");
        assertThat(v.get("fields")).extracting(JsonNode::asText).containsExactly("x1", "x2");
        assertThat(v.get("created").asBoolean()).isTrue();
        assertThat(v.get("promoted").asBoolean()).isTrue();
        assertThat(v.get("latest").asBoolean()).isTrue();
        assertThat(v.get("createdAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(v.at("/upload/sha256").asText()).hasSize(64);
        assertThat(v.at("/upload/bytes").asLong()).isEqualTo(onnx.length);
        assertThat(v.at("/upload/producer").asText()).isEqualTo("skl2onnx");
        assertThat(v.at("/upload/inputTensors")).extracting(JsonNode::asText).containsExactly("X");
        assertThat(v.at("/upload/scoreOutput").asText()).isEqualTo("probabilities");
        assertThat(v.at("/upload/labelOutput").asText()).isEqualTo("label");
        assertThat(v.get("warnings")).isEmpty();
        assertThat(registry.file(registry.resolve("risk", "latest"), ModelManifest.ONNX_FILE)).isEqualTo(onnx);
    }

    @Test
    void theSameUploadAgainReturnsItsVersionAndAnotherDeclarationIsANewVersion() {
        byte[] onnx = OnnxGraphs.classifier(true, true);
        upload("risk", onnx, CLASSIFIER);

        ApiResponse again = upload("risk", onnx, CLASSIFIER);
        ApiResponse swapped = upload("risk", onnx, Map.of("inputs", "x2,x1", "task", "classification"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("created").asBoolean()).isFalse();
        assertThat(again.body().get("version").asInt()).isEqualTo(1);
        assertThat(swapped.status()).isEqualTo(201);
        assertThat(swapped.body().get("version").asInt()).isEqualTo(2);
        assertThat(registry.latest("risk")).as("nothing promoted without promote=true").isEmpty();
    }

    @Test
    void uploadNamesEveryParameterProblemAtOnceAndStoresNothing() {
        ApiResponse r = upload("risk", OnnxGraphs.classifier(true, true),
                Map.of("input", "x1", "labels", "a,a", "promote", "yes", "code", "function-key"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).contains("has 5 problems; nothing was stored");
        assertThat(r.body().at("/error/details")).extracting(d -> d.get("path").asText())
                .containsExactly("input", "inputs", "task", "labels", "promote");
        assertThat(r.body().at("/error/details/0/message").asText()).contains("Unknown parameter 'input'");
        assertThat(r.body().at("/error/details/2/fix").asText()).contains("classification, regression, anomaly, clustering");
        assertThat(upload("risk", new byte[1], Map.of("inputs", "1x,ok,ok", "task", "regression")).body()
                .at("/error/details")).extracting(d -> d.get("message").asText())
                .anySatisfy(m -> assertThat(m).contains("[1x] are not field names"))
                .anySatisfy(m -> assertThat(m).contains("[ok] more than once"));
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void uploadRefusesABodyThatIsNotAnOnnxFile() {
        ApiResponse junk = upload("risk", "not a model".getBytes(), CLASSIFIER);
        ApiResponse form = api.upload("risk", new byte[] {1}, "multipart/form-data; boundary=x", CLASSIFIER);
        ApiResponse empty = upload("risk", new byte[0], CLASSIFIER);
        ApiResponse huge = upload("risk", new byte[ModelApi.MAX_ONNX_BYTES + 1], CLASSIFIER);

        assertThat(junk.status()).isEqualTo(400);
        assertThat(error(junk)).startsWith("invalid_model")
                .contains("The uploaded ONNX model 'risk' is not a valid ONNX model", "Nothing was stored.");
        assertThat(form.status()).isEqualTo(415);
        assertThat(error(form)).contains("form uploads are not accepted", "--data-binary @model.onnx");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(error(huge)).contains("larger than the limit of 67108864 bytes");
        assertThat(api.upload("Risk", new byte[] {1}, OCTETS, CLASSIFIER).status()).isEqualTo(400);
        assertThat(api.upload("risk", OnnxGraphs.classifier(true, true), null, CLASSIFIER).status())
                .as("no Content-Type is taken as binary").isEqualTo(201);
        assertThat(registry.get("risk").versions()).hasSize(1);
    }

    @Test
    void uploadRefusesInputsThatDoNotMatchTheModelsInputs() {
        ApiResponse tooMany = upload("m", OnnxGraphs.linear("rows", 2L, 1f, 1f), Map.of("inputs", "a,b,c", "task", "regression"));
        ApiResponse dynamic = upload("m", OnnxGraphs.linear("rows", "cols", 1f, 1f), Map.of("inputs", "a,b,c", "task", "regression"));
        ApiResponse misnamed = upload("m", OnnxGraphs.perFieldRegression(), Map.of("inputs", "x1,x3", "task", "regression"));

        assertThat(error(tooMany)).startsWith("invalid_model").contains("input 'input' has shape [-1, 2], expected [rows, 3]");
        assertThat(error(dynamic)).contains("cannot run it on 2 rows of 3 inputs", "list exactly the columns the model "
                + "was trained on, in order (3 given)");
        assertThat(error(misnamed)).contains("has 2 input tensors [x1, x2]", "Model inputs not among them: [x2]",
                "fields without a model input: [x3]", "Name the inputs exactly as the fields");
        assertThat(upload("m", OnnxGraphs.perFieldRegression(), Map.of("inputs", "x2,x1", "task", "regression")).status())
                .as("per-field inputs bind by name, in any order").isEqualTo(201);
    }

    @Test
    void uploadRefusesAFixedBatchSizeAndSaysHowToExportADynamicOne() {
        ApiResponse r = upload("m", OnnxGraphs.linear(1L, 2L, 1f, 1f), Map.of("inputs", "a,b", "task", "regression"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).contains("input 'input' has a fixed batch size of 1 (shape [1, 2])",
                "dynamic_axes={'input': {0: 'rows'}}");
    }

    @Test
    void uploadRefusesATaskTheModelsOutputsDoNotFit() {
        byte[] classifier = OnnxGraphs.classifier(false, true);
        byte[] linear = OnnxGraphs.linear("rows", 2L, 1f, 1f);

        assertThat(error(upload("m", classifier, Map.of("inputs", "x1,x2", "task", "regression"))))
                .contains("output 'probabilities' has 3 columns per row", "upload the model as task classification");
        assertThat(error(upload("m", linear, Map.of("inputs", "a,b", "task", "classification"))))
                .contains("has no label output and its output 'output' has one column", "task regression");
        assertThat(error(upload("m", classifier, Map.of("inputs", "x1,x2", "task", "classification", "labels", "a,b"))))
                .contains("The labels name 2 classes", "has 3 columns per row");
        assertThat(error(upload("m", OnnxGraphs.classifier(true, true), Map.of("inputs", "x1,x2", "task", "classification",
                "labels", "a,b,c")))).contains("has its own label output 'label'", "Drop the labels");
        assertThat(error(upload("m", linear, Map.of("inputs", "a,b", "task", "clustering"))))
                .contains("a clustering model must output the cluster id");
        assertThat(error(upload("m", linear, Map.of("inputs", "a,b", "task", "regression", "labels", "a"))))
                .contains("Labels name the classes of a classification model");
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void uploadWarnsWhatScoreStepsWillGetWhenItIsNotTheUsual() {
        ApiResponse numbered = upload("a", OnnxGraphs.classifier(false, true), CLASSIFIER);
        ApiResponse labelOnly = upload("b", OnnxGraphs.classifier(true, false), CLASSIFIER);

        assertThat(numbered.status()).isEqualTo(201);
        assertThat(numbered.body().get("warnings").get(0).asText()).contains("labels will be column numbers 0..2");
        assertThat(labelOnly.status()).isEqualTo(201);
        assertThat(labelOnly.body().get("warnings").get(0).asText()).contains("score steps get labels only");
    }
}
