package com.doe.catalog.cosmos;

import com.doe.catalog.PipelineCatalog;
import com.doe.catalog.PipelineHead;
import com.doe.catalog.PipelineStore.Tagged;
import com.doe.catalog.PipelineVersion;
import com.doe.catalog.SaveOutcome;
import com.doe.pipeline.PipelineValidator;
import com.doe.schema.DatasetSchemas;
import com.doe.schema.SchemaRegistry;
import com.doe.schema.cosmos.CosmosRegistryStore;
import com.doe.schema.cosmos.CosmosTestSupport;
import com.doe.step.StepCatalogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline store and catalog on the Cosmos DB (compatible) server, in a fresh database. */
class CosmosPipelineStoreIT {

    private static CosmosTestSupport cosmos;
    private static CosmosPipelineStore store;

    @BeforeAll
    static void openStore() {
        cosmos = new CosmosTestSupport();
        store = CosmosPipelineStore.fromSettings(cosmos.client(), cosmos.settings());
    }

    @AfterAll
    static void dropDatabase() {
        if (cosmos != null) {
            cosmos.close();
        }
    }

    @Test
    void headIsCreatedOnceAndReplacedOnlyWithItsCurrentEtag() {
        PipelineHead head = new PipelineHead("etags", 0, 0, true, Instant.EPOCH);

        assertThat(store.createHead(head)).isTrue();
        assertThat(store.createHead(head)).isFalse();
        Tagged<PipelineHead> read = store.readHead("etags").orElseThrow();
        PipelineHead next = new PipelineHead("etags", 1, 1, true, Instant.EPOCH);

        assertThat(store.replaceHead(next, read.etag())).isTrue();
        assertThat(store.replaceHead(next, read.etag())).as("stale etag").isFalse();
        assertThat(store.readHead("etags").orElseThrow().value()).isEqualTo(next);
    }

    @Test
    void versionsAreWriteOnce() {
        PipelineVersion first = new PipelineVersion("write-once", 1, "{\"a\":1}", "f1", 3, Instant.EPOCH);
        PipelineVersion other = new PipelineVersion("write-once", 1, "{\"a\":2}", "f2", null, Instant.EPOCH);

        assertThat(store.createVersion(first)).isTrue();
        assertThat(store.createVersion(other)).isFalse();
        assertThat(store.readVersion("write-once", 1)).contains(first);
        assertThat(store.readVersion("write-once", 2)).isEmpty();
    }

    @Test
    void catalogSavesListsAndRefusesOnCosmos() {
        PipelineCatalog catalog = new PipelineCatalog(store, new PipelineValidator(StepCatalogue.standard()),
                new DatasetSchemas(new SchemaRegistry(CosmosRegistryStore.fromSettings(cosmos.client(), cosmos.settings()))),
                Clock.systemUTC());
        String v1 = """
                {"id": "sensors", "source": {"format": "jsonl", "schema": {"fields": [
                  {"name": "sensor", "type": "string", "required": true}, {"name": "reading", "type": "double"}]}},
                 "steps": [{"id": "tidy", "type": "clean", "trim": true}]}
                """;

        assertThat(catalog.save("sensors", v1)).isInstanceOf(SaveOutcome.Created.class);
        assertThat(catalog.save("sensors", v1)).isInstanceOf(SaveOutcome.Unchanged.class);
        assertThat(catalog.save("sensors", v1.replace("\"double\"", "\"boolean\"")))
                .isInstanceOf(SaveOutcome.Incompatible.class);
        assertThat(catalog.list()).extracting(PipelineHead::pipelineId).contains("sensors");
        assertThat(catalog.forNewRun("sensors").version()).isEqualTo(1);
    }
}
