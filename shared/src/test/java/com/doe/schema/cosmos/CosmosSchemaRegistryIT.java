package com.doe.schema.cosmos;

import static com.doe.schema.TestSchemas.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.schema.CompatibilityMode;
import com.doe.schema.IncompatibleSchemaException;
import com.doe.schema.RegisteredSchema;
import com.doe.schema.SchemaNotFoundException;
import com.doe.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CosmosSchemaRegistryIT {

    private static CosmosTestSupport cosmos;
    private static CosmosRegistryStore store;

    @BeforeAll
    static void connect() {
        cosmos = new CosmosTestSupport();
        store = cosmos.store();
    }

    @AfterAll
    static void dropDatabase() {
        cosmos.close();
    }

    @Test
    void versionsAndFingerprintsSurviveInCosmosForOtherProcesses() {
        RegisteredSchema v1 = new SchemaRegistry(store).register("it.durable", load("payment-v1"));
        RegisteredSchema v2 = new SchemaRegistry(store).register("it.durable", load("payment-v2-currency-with-default"));

        SchemaRegistry reader = new SchemaRegistry(cosmos.store());
        assertThat(reader.versions("it.durable")).containsExactly(1, 2);
        assertThat(reader.version("it.durable", 1).schema()).isEqualTo(v1.schema());
        assertThat(reader.latest("it.durable")).isEqualTo(v2);
        assertThat(reader.findByFingerprint(v2.fingerprint())).contains(v2.schema());
        assertThat(reader.subjects()).contains("it.durable");
    }

    @Test
    void registeringTheSameSchemaAgainReturnsItsVersion() {
        SchemaRegistry registry = new SchemaRegistry(store);
        RegisteredSchema first = registry.register("it.idempotent", load("payment-v1"));

        RegisteredSchema again = new SchemaRegistry(store).register("it.idempotent", load("payment-v1"));

        assertThat(again).isEqualTo(first);
        assertThat(registry.versions("it.idempotent")).containsExactly(1);
    }

    @Test
    void missingItemsAreNotFoundRatherThanErrors() {
        SchemaRegistry registry = new SchemaRegistry(store);

        assertThat(registry.findByFingerprint(0x1234_5678_9abc_def0L)).isEmpty();
        assertThatThrownBy(() -> registry.versions("it.absent")).isInstanceOf(SchemaNotFoundException.class);
        assertThat(registry.mode("it.absent")).isEqualTo(CompatibilityMode.BACKWARD);
    }

    @Test
    void removedFieldWithoutDefaultIsRefusedUnderForwardAndAddedOneUnderBackward() {
        SchemaRegistry registry = new SchemaRegistry(store);
        registry.register("it.payments", load("payment-v1"));

        assertThatThrownBy(() -> registry.register("it.payments", load("payment-v3-currency-required")))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("- field `currency` (string) was added without a default: consumers using the "
                        + "new schema cannot read events written with version 1");

        registry.setMode("it.payments", CompatibilityMode.FORWARD);
        assertThatThrownBy(() -> registry.register("it.payments", load("payment-amount-removed")))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("- field `amount` (long) was removed without a default: consumers using "
                        + "version 1 can no longer read new events");
        assertThat(registry.versions("it.payments")).containsExactly(1);
    }

    @Test
    void versionCompatibleWithTheLatestButNotTheFirstDependsOnTransitivity() {
        SchemaRegistry registry = new SchemaRegistry(store);
        registry.register("it.transitive", load("payment-v1"));
        registry.register("it.transitive", load("payment-v2-currency-with-default"));
        Schema v3 = load("payment-v3-currency-required");

        registry.setMode("it.transitive", CompatibilityMode.BACKWARD_TRANSITIVE);
        assertThatThrownBy(() -> registry.register("it.transitive", v3))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> assertThat(e.reasons())
                        .containsExactly("field `currency` (string) was added without a default: consumers using the "
                                + "new schema cannot read events written with version 1, which do not have it; give "
                                + "`currency` a default (for an optional field: type [null, string] with default null)"));

        registry.setMode("it.transitive", CompatibilityMode.BACKWARD);
        assertThat(registry.register("it.transitive", v3).version()).isEqualTo(3);
    }

    @Test
    void globalDefaultModeIsStored() {
        SchemaRegistry registry = new SchemaRegistry(store);
        registry.setDefaultMode(CompatibilityMode.FULL);
        try {
            assertThat(new SchemaRegistry(store).defaultMode()).isEqualTo(CompatibilityMode.FULL);
            assertThat(registry.mode("it.no-own-mode")).isEqualTo(CompatibilityMode.FULL);
        } finally {
            registry.setDefaultMode(CompatibilityMode.BACKWARD);
        }
    }

    @Test
    void concurrentRegistrationsFromSeparateRegistriesGetDistinctVersions() throws Exception {
        new SchemaRegistry(store).setMode("it.racy", CompatibilityMode.NONE);
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<RegisteredSchema>> tasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Schema schema = SchemaBuilder.record("Racy").fields().requiredLong("field" + i).endRecord();
                SchemaRegistry own = new SchemaRegistry(store);
                tasks.add(() -> own.register("it.racy", schema));
            }
            List<RegisteredSchema> results = new ArrayList<>();
            for (Future<RegisteredSchema> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }

            assertThat(results).extracting(RegisteredSchema::version).containsExactlyInAnyOrder(1, 2, 3, 4);
            SchemaRegistry fresh = new SchemaRegistry(store);
            for (RegisteredSchema result : results) {
                assertThat(fresh.version("it.racy", result.version()).schema()).isEqualTo(result.schema());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
