package com.doe.api;

import com.doe.run.InMemoryRunStore;
import com.doe.run.RunLedger;
import com.doe.run.RunRecord;
import com.doe.run.RunSource;
import com.doe.schema.InMemoryRegistryStore;
import com.doe.schema.SchemaRegistry;
import com.doe.schema.SchemaRegistryService;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaAndRunApiTest {

    private static final String V1 = "{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}";
    private static final String V2_REQUIRED_B = "{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"},"
            + "{\"name\":\"b\",\"type\":\"string\"}]}";

    private final SchemaApi schemas = new SchemaApi(new SchemaRegistryService(new SchemaRegistry(new InMemoryRegistryStore())));
    private final RunLedger ledger = new RunLedger(new InMemoryRunStore());
    private final RunApi runs = new RunApi(ledger);

    @Test
    void registerIsIdempotentAndIncompatibleChangeIsA409() {
        ApiResponse first = schemas.register("payments", V1);
        ApiResponse again = schemas.register("payments", "{\"schema\": " + V1 + "}");
        ApiResponse breaking = schemas.register("payments", V2_REQUIRED_B);

        assertThat(first.body().path("version").asInt()).isEqualTo(1);
        assertThat(again.body().path("version").asInt()).isEqualTo(1);
        assertThat(breaking.status()).isEqualTo(409);
        assertThat(breaking.body().at("/error/details/0").asText()).contains("`b`");
    }

    @Test
    void compatibilityTestRegistersNothing() {
        schemas.register("payments", V1);

        ApiResponse test = schemas.testCompatibility("payments", V2_REQUIRED_B);

        assertThat(test.body().path("compatible").asBoolean()).isFalse();
        assertThat(schemas.versions("payments").body()).hasSize(1);
    }

    @Test
    void modesAreSetPerSubjectAndValidated() {
        assertThat(schemas.setMode("payments", "{\"mode\": \"FULL\"}").body().path("mode").asText()).isEqualTo("FULL");
        assertThat(schemas.mode("other").body().path("inherited").asBoolean()).isTrue();
        assertThat(schemas.setDefaultMode("{\"mode\": \"SIDEWAYS\"}").status()).isEqualTo(400);
        assertThat(schemas.setDefaultMode("not json").status()).isEqualTo(400);
    }

    @Test
    void unknownSubjectIsA404() {
        assertThat(schemas.version("nope", "latest").status()).isEqualTo(404);
    }

    @Test
    void runsAreListedNewestFirstAndUnknownRunIsA404() {
        RunSource source = new RunSource("landing", "airports/a.csv", "0x1");
        ledger.start(RunRecord.pending("r-old", "airports", 1, source, Instant.parse("2026-01-01T00:00:00Z")));
        ledger.start(RunRecord.pending("r-new", "airports", 1, source, Instant.parse("2026-01-02T00:00:00Z")));

        ApiResponse list = runs.list("airports", "pending", null);

        assertThat(list.body().at("/runs/0/runId").asText()).isEqualTo("r-new");
        assertThat(list.body().at("/runs/1/runId").asText()).isEqualTo("r-old");
        assertThat(runs.get("r-old").body().at("/source/blob").asText()).isEqualTo("airports/a.csv");
        assertThat(runs.get("nope").status()).isEqualTo(404);
        assertThat(runs.list(null, null, "x").status()).isEqualTo(400);
    }
}
