package com.doe.functions;

import com.doe.event.EventType;
import com.doe.orchestration.DispatchStageTasks;
import com.doe.orchestration.FinishRun;
import com.doe.orchestration.InspectStage;
import com.doe.orchestration.RecordProgress;
import com.doe.orchestration.RunOrchestration;
import com.doe.settings.SettingNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads what {@code azure-functions-maven-plugin} generated at {@code package} (this runs after it,
 * in {@code verify}) and checks it against the function classes and the sample settings.
 */
class FunctionJsonIT {

    private static final Path APP = Path.of("target/azure-functions/doe-functions");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthIsAnAnonymousGetOnApiHealth() throws IOException {
        JsonNode function = JSON.readTree(APP.resolve("Health/function.json").toFile());
        JsonNode trigger = function.get("bindings").get(0);

        assertThat(function.get("entryPoint").asText()).isEqualTo("com.doe.functions.HealthFunction.health");
        assertThat(trigger.get("type").asText()).isEqualTo("httpTrigger");
        assertThat(trigger.get("route").asText()).isEqualTo("health");
        assertThat(trigger.get("methods")).extracting(JsonNode::asText).containsExactly("GET");
        assertThat(trigger.get("authLevel").asText()).isEqualTo("ANONYMOUS");
    }

    @Test
    void apiRoutesRequireAFunctionKey() throws IOException {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("PipelinesList", "GET pipelines"),
                Map.entry("PipelinePut", "PUT pipelines/{id}"),
                Map.entry("PipelineGet", "GET pipelines/{id}"),
                Map.entry("PipelineDelete", "DELETE pipelines/{id}"),
                Map.entry("PipelineVersions", "GET pipelines/{id}/versions"),
                Map.entry("PipelineVersion", "GET pipelines/{id}/versions/{version}"),
                Map.entry("PipelineDiff", "GET pipelines/{id}/diff"),
                Map.entry("PipelineValidate", "POST pipelines/{id}/validate"),
                Map.entry("PipelinePreview", "POST pipelines/{id}/preview"),
                Map.entry("RunsList", "GET runs"),
                Map.entry("RunGet", "GET runs/{runId}"),
                Map.entry("RunCancel", "POST runs/{runId}/cancel"),
                Map.entry("RunRetry", "POST runs/{runId}/retry"),
                Map.entry("SchemaSubjects", "GET schemas/subjects"),
                Map.entry("SchemaRegister", "POST schemas/subjects/{subject}/versions"),
                Map.entry("SchemaVersion", "GET schemas/subjects/{subject}/versions/{version}"),
                Map.entry("SchemaCompatibility", "POST schemas/compatibility/subjects/{subject}"),
                Map.entry("SchemaByFingerprint", "GET schemas/ids/{fingerprint}"),
                Map.entry("ModelsList", "GET models"),
                Map.entry("ModelGet", "GET models/{name}"),
                Map.entry("ModelVersion", "GET models/{name}/versions/{version}"),
                Map.entry("ModelPromote", "POST models/{name}/versions/{version}/promote"),
                Map.entry("ModelUpload", "POST models/{name}/versions"));

        for (var entry : expected.entrySet()) {
            JsonNode trigger = JSON.readTree(APP.resolve(entry.getKey() + "/function.json").toFile()).get("bindings").get(0);
            assertThat(trigger.get("methods").get(0).asText() + " " + trigger.get("route").asText())
                    .as(entry.getKey()).isEqualTo(entry.getValue());
            assertThat(trigger.get("authLevel").asText()).as(entry.getKey()).isEqualTo("FUNCTION");
        }
    }

    @Test
    void modelUploadTakesTheOnnxFileAsBinary() throws IOException {
        JsonNode trigger = JSON.readTree(APP.resolve("ModelUpload/function.json").toFile()).get("bindings").get(0);

        assertThat(trigger.get("dataType").asText()).isEqualTo("binary");
    }

    @Test
    void ingestIsABlobTriggerOnTheLandingContainerWithADurableClient() throws IOException {
        JsonNode bindings = JSON.readTree(APP.resolve("IngestBlob/function.json").toFile()).get("bindings");
        JsonNode trigger = bindings.get(0);

        assertThat(trigger.get("type").asText()).isEqualTo("blobTrigger");
        assertThat(trigger.get("path").asText()).isEqualTo("landing/{pipelineId}/{name}");
        assertThat(trigger.get("connection").asText()).isEqualTo(SettingNames.STORAGE);
        assertThat(trigger.get("source").asText()).isEqualTo("EventGrid");
        assertThat(trigger.get("dataType").asText()).isEqualTo("binary");
        assertThat(bindings.get(1).get("type").asText()).isEqualTo("durableClient");
    }

    @Test
    void stageFunctionsConsumeTheirKindsTaskTopicInBatchesEachInItsOwnGroup() throws IOException {
        Map<String, String> groups = Map.of("TransformStage", "doe-stage-transform", "MlStage", "doe-stage-ml",
                "LoadStage", "doe-stage-load", "StageDoneRelay", "doe-stage-done-relay");
        Map<String, String> topics = Map.of("TransformStage", "doe.stage-task.transform", "MlStage", "doe.stage-task.ml",
                "LoadStage", "doe.stage-task.load", "StageDoneRelay", EventType.STAGE_DONE.topic());
        for (var entry : groups.entrySet()) {
            JsonNode trigger = JSON.readTree(APP.resolve(entry.getKey() + "/function.json").toFile()).get("bindings").get(0);
            String topic = topics.get(entry.getKey());

            assertThat(trigger.get("type").asText()).as(entry.getKey()).isEqualTo("kafkaTrigger");
            assertThat(trigger.get("topic").asText()).as(entry.getKey()).isEqualTo(topic);
            assertThat(trigger.get("consumerGroup").asText()).as(entry.getKey()).isEqualTo(entry.getValue());
            assertThat(trigger.get("brokerList").asText()).as(entry.getKey())
                    .isEqualTo("%" + SettingNames.KAFKA_BOOTSTRAP + "%");
            assertThat(trigger.get("cardinality").asText()).as(entry.getKey()).isEqualTo("MANY");
            assertThat(trigger.get("dataType").asText()).as(entry.getKey()).isEqualTo("binary");
        }
    }

    @Test
    void theOrchestratorAndItsActivitiesAreDurableFunctionsNamedAsTheOrchestrationCallsThem() throws IOException {
        assertThat(JSON.readTree(APP.resolve(RunOrchestration.NAME + "/function.json").toFile())
                .at("/bindings/0/type").asText()).isEqualTo("orchestrationTrigger");
        for (String activity : List.of(DispatchStageTasks.NAME, InspectStage.NAME, RecordProgress.NAME, FinishRun.NAME)) {
            assertThat(JSON.readTree(APP.resolve(activity + "/function.json").toFile()).at("/bindings/0/type").asText())
                    .as(activity).isEqualTo("activityTrigger");
        }
        assertThat(JSON.readTree(APP.resolve("StageDoneRelay/function.json").toFile()).at("/bindings/1/type").asText())
                .isEqualTo("durableClient");
    }

    @Test
    void packagedHostJsonIsTheRepositoryOne() throws IOException {
        JsonNode packaged = JSON.readTree(APP.resolve("host.json").toFile());
        JsonNode repository = JSON.readTree(Path.of("../host.json").toFile());

        assertThat(packaged).isEqualTo(repository);
        assertThat(packaged.at("/extensionBundle/version").asText()).isEqualTo("[4.*, 5.0.0)");
    }

    @Test
    void everySettingReferencedByABindingIsInTheSampleSettings() throws IOException {
        JsonNode sample = JSON.readTree(Path.of("../local.settings.sample.json").toFile()).get("Values");
        Pattern reference = Pattern.compile("%([A-Za-z0-9_]+)%");

        try (Stream<Path> files = Files.walk(APP)) {
            for (Path file : files.filter(p -> p.getFileName().toString().equals("function.json")).toList()) {
                Matcher matcher = reference.matcher(Files.readString(file));
                while (matcher.find()) {
                    assertThat(sample.has(matcher.group(1)))
                            .as("%s refers to %%%s%%, which local.settings.sample.json must list", file, matcher.group(1))
                            .isTrue();
                }
            }
        }
        String hostJson = Files.readString(Path.of("../host.json"));
        Matcher matcher = reference.matcher(hostJson);
        while (matcher.find()) {
            assertThat(sample.has(matcher.group(1))).as("host.json refers to %%%s%%", matcher.group(1)).isTrue();
        }
    }
}
