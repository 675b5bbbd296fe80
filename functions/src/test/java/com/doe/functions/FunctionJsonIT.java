package com.doe.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                Map.entry("SchemaSubjects", "GET schemas/subjects"),
                Map.entry("SchemaRegister", "POST schemas/subjects/{subject}/versions"),
                Map.entry("SchemaVersion", "GET schemas/subjects/{subject}/versions/{version}"),
                Map.entry("SchemaCompatibility", "POST schemas/compatibility/subjects/{subject}"),
                Map.entry("SchemaByFingerprint", "GET schemas/ids/{fingerprint}"));

        for (var entry : expected.entrySet()) {
            JsonNode trigger = JSON.readTree(APP.resolve(entry.getKey() + "/function.json").toFile()).get("bindings").get(0);
            assertThat(trigger.get("methods").get(0).asText() + " " + trigger.get("route").asText())
                    .as(entry.getKey()).isEqualTo(entry.getValue());
            assertThat(trigger.get("authLevel").asText()).as(entry.getKey()).isEqualTo("FUNCTION");
        }
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
