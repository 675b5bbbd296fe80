package com.doe.catalog;

import com.doe.pipeline.PipelineValidator;
import com.doe.schema.DatasetSchemas;
import com.doe.schema.InMemoryRegistryStore;
import com.doe.schema.SchemaRegistry;
import com.doe.step.StepCatalogue;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineCatalogTest {

    private final InMemoryPipelineStore store = new InMemoryPipelineStore();
    private final PipelineCatalog catalog = new PipelineCatalog(store, new PipelineValidator(StepCatalogue.standard()),
            new DatasetSchemas(new SchemaRegistry(new InMemoryRegistryStore())),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    static String definition(String countType, String maxLatitude) {
        return """
                {"id": "airports",
                 "source": {"format": "csv", "schema": {"fields": [
                   {"name": "iata", "type": "string", "required": true},
                   {"name": "latitude", "type": "double"},
                   {"name": "count", "type": "%s"}]}},
                 "steps": [
                   {"id": "checks", "type": "validate",
                    "rules": [{"field": "latitude", "check": "range", "min": -90, "max": %s}]}]}
                """.formatted(countType, maxLatitude);
    }

    @Test
    void firstSaveCreatesVersionOneAndMakesItActive() {
        SaveOutcome outcome = catalog.save("airports", definition("long", "90"));

        assertThat(outcome).isInstanceOf(SaveOutcome.Created.class);
        PipelineVersion version = ((SaveOutcome.Created) outcome).version();
        assertThat(version.version()).isEqualTo(1);
        assertThat(version.datasetSchemaVersion()).isEqualTo(1);
        assertThat(catalog.forNewRun("airports")).isEqualTo(version);
        assertThat(catalog.list()).extracting(PipelineHead::pipelineId).containsExactly("airports");
    }

    @Test
    void savingTheActiveDefinitionAgainStoresNothingEvenAsYaml() {
        catalog.save("airports", definition("long", "90"));
        String yaml = """
                id: airports
                source:
                  format: csv
                  schema:
                    fields:
                      - {name: iata, type: string, required: true}
                      - {name: latitude, type: double}
                      - {name: count, type: long}
                steps:
                  - id: checks
                    type: validate
                    rules: [{field: latitude, check: range, min: -90, max: 90}]
                """;

        SaveOutcome outcome = catalog.save("airports", yaml);

        assertThat(outcome).isInstanceOf(SaveOutcome.Unchanged.class);
        assertThat(catalog.head("airports").orElseThrow().latestVersion()).isEqualTo(1);
    }

    @Test
    void changedDefinitionBecomesTheNextActiveVersionAndTheDiffNamesWhatChanged() {
        catalog.save("airports", definition("long", "90"));

        SaveOutcome outcome = catalog.save("airports", definition("long", "80"));

        assertThat(((SaveOutcome.Created) outcome).version().version()).isEqualTo(2);
        assertThat(catalog.forNewRun("airports").version()).isEqualTo(2);
        assertThat(catalog.versions("airports")).extracting(PipelineVersion::version).containsExactly(1, 2);
        List<Change> changes = catalog.diff("airports", 1, 2);
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("/steps/0/rules/0/max");
            assertThat(change.kind()).isEqualTo(Change.Kind.CHANGED);
            assertThat(change.before().asInt()).isEqualTo(90);
            assertThat(change.after().asInt()).isEqualTo(80);
        });
    }

    @Test
    void invalidDefinitionReportsEveryProblemAndStoresNothing() {
        String broken = definition("long", "90")
                .replace("\"check\": \"range\"", "\"check\": \"rnage\"")
                .replace("\"format\": \"csv\"", "\"format\": \"xls\"");

        SaveOutcome outcome = catalog.save("airports", broken);

        assertThat(outcome).isInstanceOf(SaveOutcome.Invalid.class);
        assertThat(((SaveOutcome.Invalid) outcome).problems()).extracting(p -> p.pointer())
                .contains("/source/format", "/steps/0/rules/0/check");
        assertThat(catalog.head("airports")).isEmpty();
    }

    @Test
    void definitionIdThatDiffersFromTheUrlIsRefused() {
        SaveOutcome outcome = catalog.save("routes", definition("long", "90"));

        assertThat(outcome).isInstanceOf(SaveOutcome.Invalid.class);
        assertThat(((SaveOutcome.Invalid) outcome).problems().get(0).pointer()).isEqualTo("/id");
    }

    @Test
    void definitionWithoutIdTakesTheUrlId() {
        SaveOutcome outcome = catalog.save("routes", definition("long", "90").replace("{\"id\": \"airports\",", "{"));

        assertThat(((SaveOutcome.Created) outcome).version().pipelineId()).isEqualTo("routes");
    }

    @Test
    void outputTypeChangeThatBreaksConsumersIsRefusedWithReasons() {
        catalog.save("airports", definition("long", "90"));

        SaveOutcome outcome = catalog.save("airports", definition("boolean", "90"));

        assertThat(outcome).isInstanceOf(SaveOutcome.Incompatible.class);
        SaveOutcome.Incompatible refused = (SaveOutcome.Incompatible) outcome;
        assertThat(refused.subject()).isEqualTo("dataset.airports");
        assertThat(refused.mode()).isEqualTo("BACKWARD");
        assertThat(refused.reasons()).anySatisfy(reason -> assertThat(reason).contains("count"));
        assertThat(catalog.head("airports").orElseThrow().latestVersion()).isEqualTo(1);
    }

    @Test
    void disabledPipelineRefusesNewRunsUntilSavedAgain() {
        catalog.save("airports", definition("long", "90"));

        assertThat(catalog.disable("airports")).isTrue();
        assertThatThrownBy(() -> catalog.forNewRun("airports"))
                .isInstanceOf(PipelineDisabledException.class)
                .hasMessageContaining("PUT /api/pipelines/airports");

        assertThat(catalog.save("airports", definition("long", "90"))).isInstanceOf(SaveOutcome.Unchanged.class);
        assertThat(catalog.forNewRun("airports").version()).isEqualTo(1);
    }

    @Test
    void unknownPipelineAndVersionSayWhatExists() {
        catalog.save("airports", definition("long", "90"));

        assertThatThrownBy(() -> catalog.forNewRun("nope"))
                .isInstanceOf(PipelineNotFoundException.class).hasMessageContaining("GET /api/pipelines");
        assertThatThrownBy(() -> catalog.version("airports", 7))
                .isInstanceOf(PipelineNotFoundException.class).hasMessageContaining("1 to 1");
        assertThat(catalog.disable("nope")).isFalse();
    }

    @Test
    void versionLeftByAnUnfinishedSaveIsCountedAndTheNextSaveGoesAfterIt() {
        catalog.save("airports", definition("long", "90"));
        PipelineVersion orphan = new PipelineVersion("airports", 2, "{}", "orphan", null, Instant.EPOCH);
        store.createVersion(orphan);

        SaveOutcome outcome = catalog.save("airports", definition("long", "70"));

        assertThat(((SaveOutcome.Created) outcome).version().version()).isEqualTo(3);
        assertThat(catalog.forNewRun("airports").version()).isEqualTo(3);
        assertThat(catalog.head("airports").orElseThrow().latestVersion()).isEqualTo(3);
    }

    @Test
    void concurrentSavesEachGetTheirOwnVersion() throws Exception {
        catalog.save("airports", definition("long", "90"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<SaveOutcome>> saves = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String max = Integer.toString(10 + i);
            saves.add(() -> catalog.save("airports", definition("long", max)));
        }

        List<Integer> versions = new ArrayList<>();
        for (Future<SaveOutcome> future : pool.invokeAll(saves)) {
            versions.add(((SaveOutcome.Created) future.get()).version().version());
        }
        pool.shutdown();

        assertThat(versions).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(catalog.head("airports").orElseThrow().latestVersion()).isEqualTo(9);
        assertThat(catalog.versions("airports")).hasSize(9);
    }
}
