package com.doe.api;

import com.doe.catalog.InMemoryPipelineStore;
import com.doe.catalog.PipelineCatalog;
import com.doe.pipeline.PipelineValidator;
import com.doe.preview.Preview;
import com.doe.schema.DatasetSchemas;
import com.doe.schema.InMemoryRegistryStore;
import com.doe.schema.SchemaRegistry;
import com.doe.step.StepCatalogue;
import com.doe.step.StepServices;
import com.doe.step.enrich.InMemoryLookupSource;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineApiTest {

    private static final String DEFINITION = """
            {"id": "airports",
             "source": {"format": "csv", "schema": {"fields": [
               {"name": "iata", "type": "string", "required": true},
               {"name": "latitude", "type": "double"}]}},
             "steps": [{"id": "checks", "type": "validate",
                        "rules": [{"field": "latitude", "check": "range", "min": -90, "max": 90}]}]}
            """;
    private static final String SAMPLE = "iata,latitude\nAUS,30.2\nXXX,95\n";

    private final PipelineValidator validator = new PipelineValidator(StepCatalogue.standard());
    private final PipelineApi api = new PipelineApi(
            new PipelineCatalog(new InMemoryPipelineStore(), validator,
                    new DatasetSchemas(new SchemaRegistry(new InMemoryRegistryStore())), Clock.systemUTC()),
            validator, new Preview(StepCatalogue.standard(), StepServices.of(new InMemoryLookupSource())));

    @Test
    void putCreatesThenReportsUnchanged() {
        ApiResponse created = api.put("airports", DEFINITION);
        ApiResponse again = api.put("airports", DEFINITION);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().toString()).isEqualTo("{\"id\":\"airports\",\"version\":1}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("unchanged").asBoolean()).isTrue();
    }

    @Test
    void invalidDefinitionIsA400WithEveryProblemAsPathMessageAndFix() {
        ApiResponse response = api.put("airports", DEFINITION.replace("\"range\"", "\"rnage\"").replace("\"csv\"", "\"xls\""));

        assertThat(response.status()).isEqualTo(400);
        JsonNode error = response.body().path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_definition");
        assertThat(error.path("details")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(error.path("details").get(0).has("path")).isTrue();
        assertThat(error.path("details").get(0).has("fix")).isTrue();
    }

    @Test
    void syntaxErrorNamesTheLine() {
        ApiResponse response = api.put("airports", "{\"id\": \"airports\",\n \"source\": }");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/error/details/0/message").asText()).contains("line 2");
    }

    @Test
    void incompatibleOutputChangeIsA409WithReasons() {
        api.put("airports", DEFINITION);

        ApiResponse response = api.put("airports", DEFINITION.replace("\"double\"", "\"boolean\"")
                .replace("{\"field\": \"latitude\", \"check\": \"range\", \"min\": -90, \"max\": 90}",
                        "{\"field\": \"iata\", \"check\": \"required\"}"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().at("/error/code").asText()).isEqualTo("incompatible_schema");
        assertThat(response.body().at("/error/details/0").asText()).contains("latitude");
    }

    @Test
    void oversizedDefinitionIsA413() {
        ApiResponse response = api.put("airports", " ".repeat(PipelineApi.MAX_DEFINITION_BYTES) + DEFINITION);

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void unknownPipelineIsA404AndBadVersionA400() {
        api.put("airports", DEFINITION);

        assertThat(api.get("nope").status()).isEqualTo(404);
        assertThat(api.version("airports", "two").status()).isEqualTo(400);
        assertThat(api.version("airports", "2").status()).isEqualTo(404);
        assertThat(api.diff("airports", "1", null).status()).isEqualTo(400);
    }

    @Test
    void previewOfARawSampleUsesTheActiveDefinitionAndShowsRejections() {
        api.put("airports", DEFINITION);

        ApiResponse response = api.preview("airports", SAMPLE.getBytes(StandardCharsets.UTF_8), "text/csv", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode checks = response.body().at("/steps/0");
        assertThat(checks.path("rows")).hasSize(1);
        assertThat(checks.at("/rejections/0/rule").asText()).isEqualTo("range:latitude");
        assertThat(checks.at("/rejections/0/source/line").asInt()).isEqualTo(3);
    }

    @Test
    void previewOfAnUnsavedDefinitionNeedsNoSavedPipeline() {
        String request = "{\"definition\": " + DEFINITION + ", \"sampleBase64\": \""
                + Base64.getEncoder().encodeToString(SAMPLE.getBytes(StandardCharsets.UTF_8)) + "\", \"rows\": 1}";

        ApiResponse response = api.preview("airports", request.getBytes(StandardCharsets.UTF_8), "application/json", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("rowsRead").asInt()).isEqualTo(1);
    }

    @Test
    void validateReportsProblemsWithoutSaving() {
        ApiResponse response = api.validate("airports", DEFINITION.replace("\"latitude\", \"check\"", "\"lat\", \"check\""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("valid").asBoolean()).isFalse();
        assertThat(response.body().at("/problems/0/message").asText()).contains("lat");
        assertThat(api.get("airports").status()).isEqualTo(404);
    }

    @Test
    void deleteDisablesAndUnknownIsA404() {
        api.put("airports", DEFINITION);

        assertThat(api.delete("airports").body().path("enabled").asBoolean()).isFalse();
        assertThat(api.get("airports").body().path("enabled").asBoolean()).isFalse();
        assertThat(api.delete("nope").status()).isEqualTo(404);
    }
}
