package com.doe.schema;

import static com.doe.schema.TestSchemas.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetSchemasTest {

    private final SchemaRegistry registry = new SchemaRegistry(new InMemoryRegistryStore());
    private final DatasetSchemas datasets = new DatasetSchemas(registry);

    @Test
    void savedPipelineRegistersItsDatasetSchemaUnderItsOwnSubject() {
        RegisteredSchema registered = datasets.onPipelineSaved("customers", load("payment-v1"));

        assertThat(registered.subject()).isEqualTo("dataset.customers");
        assertThat(registered.version()).isEqualTo(1);
        assertThat(datasets.onPipelineSaved("customers", load("payment-v1"))).isEqualTo(registered);
    }

    @Test
    void breakingUpdateIsRefusedWithReasonsAndLeavesTheSubjectUnchanged() {
        datasets.onPipelineSaved("customers", load("payment-v1"));

        assertThatThrownBy(() -> datasets.onPipelineSaved("customers", load("payment-amount-string")))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.subject()).isEqualTo("dataset.customers");
                    assertThat(e.reasons()).singleElement().asString()
                            .startsWith("field `amount` changed type from long to string");
                });
        assertThat(registry.versions("dataset.customers")).containsExactly(1);
    }

    @Test
    void updateIsCheckedWithTheSubjectsOwnMode() {
        datasets.onPipelineSaved("customers", load("payment-v1"));
        registry.setMode(DatasetSchemas.subject("customers"), CompatibilityMode.FULL);

        assertThat(datasets.check("customers", load("payment-amount-double")).reasons()).singleElement().asString()
                .contains("consumers using version 1 can no longer read new events");
        assertThat(datasets.check("customers", load("payment-v2-currency-with-default")).compatible()).isTrue();
    }

    @Test
    void runInFlightKeepsTheVersionItStartedWith() {
        datasets.onPipelineSaved("customers", load("payment-v1"));
        RegisteredSchema pinned = datasets.pinForNewRun("customers").orElseThrow();

        datasets.onPipelineSaved("customers", load("payment-v2-currency-with-default"));

        assertThat(pinned.version()).isEqualTo(1);
        assertThat(datasets.schemaOfRun("customers", pinned.version()).schema()).isEqualTo(load("payment-v1"));
        assertThat(datasets.pinForNewRun("customers").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void pipelineWithoutDatasetSchemaPinsNothing() {
        assertThat(datasets.pinForNewRun("no-schema")).isEmpty();
    }

    @Test
    void pipelineIdThatCannotBeASubjectIsRefused() {
        assertThatThrownBy(() -> datasets.onPipelineSaved("a b", load("payment-v1")))
                .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("'dataset.a b'");
    }
}
