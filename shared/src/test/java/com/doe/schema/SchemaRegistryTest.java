package com.doe.schema;

import static com.doe.schema.TestSchemas.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

    private final InMemoryRegistryStore store = new InMemoryRegistryStore();
    private final SchemaRegistry registry = new SchemaRegistry(store);

    @Test
    void registeringTheSameSchemaTwiceReturnsTheSameVersion() {
        RegisteredSchema first = registry.register("payments", load("payment-v1"));
        RegisteredSchema again = new SchemaRegistry(store).register("payments", load("payment-v1"));

        assertThat(first.version()).isEqualTo(1);
        assertThat(again).isEqualTo(first);
        assertThat(registry.versions("payments")).containsExactly(1);
    }

    @Test
    void compatibleChangesGetConsecutiveVersions() {
        registry.register("payments", load("payment-v1"));
        RegisteredSchema v2 = registry.register("payments", load("payment-v2-currency-with-default"));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(registry.version("payments", 1).schema()).isEqualTo(load("payment-v1"));
        assertThat(registry.latest("payments")).isEqualTo(v2);
    }

    @Test
    void addingADefaultIsANewVersionWithTheSameFingerprint() {
        RegisteredSchema v1 = registry.register("payments", load("payment-v1"));
        RegisteredSchema v2 = registry.register("payments", load("payment-v1-amount-default"));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.fingerprint()).isEqualTo(v1.fingerprint());
        assertThat(registry.version("payments", 2).schema().getField("amount").hasDefaultValue()).isTrue();
    }

    @Test
    void incompatibleSchemaIsRefusedWithOneLinePerProblem() {
        registry.register("payments", load("payment-v1"));

        assertThatThrownBy(() -> registry.register("payments", load("payment-v3-currency-required")))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.mode()).isEqualTo(CompatibilityMode.BACKWARD);
                    assertThat(e.reasons()).singleElement().asString()
                            .startsWith("field `currency` (string) was added without a default");
                    assertThat(e.getMessage()).isEqualTo("Schema refused for subject 'payments' under BACKWARD (the new "
                            + "schema can read events written with the latest version):\n- " + e.reasons().get(0));
                    assertThat(e.isRetryable()).isFalse();
                });
        assertThat(registry.versions("payments")).containsExactly(1);
    }

    @Test
    void subjectModeOverridesTheGlobalDefault() {
        registry.register("payments", load("payment-v1"));
        registry.register("payments", load("payment-v2-currency-with-default"));
        Schema v3 = load("payment-v3-currency-required");
        registry.setMode("payments", CompatibilityMode.BACKWARD_TRANSITIVE);

        assertThat(registry.test("payments", v3).reasons()).singleElement().asString()
                .contains("events written with version 1");
        assertThatThrownBy(() -> registry.register("payments", v3)).isInstanceOf(IncompatibleSchemaException.class);

        registry.setMode("payments", CompatibilityMode.BACKWARD);
        assertThat(registry.register("payments", v3).version()).isEqualTo(3);
    }

    @Test
    void globalDefaultAppliesToSubjectsWithoutAMode() {
        registry.setDefaultMode(CompatibilityMode.FORWARD);
        registry.register("payments", load("payment-v1"));

        assertThat(registry.mode("payments")).isEqualTo(CompatibilityMode.FORWARD);
        assertThat(registry.ownMode("payments")).isEmpty();
        assertThat(registry.test("payments", load("payment-amount-removed")).compatible()).isFalse();
        assertThat(registry.test("payments", load("payment-v3-currency-required")).compatible()).isTrue();
    }

    @Test
    void testReportsAnAlreadyRegisteredSchemaWithItsVersion() {
        registry.register("payments", load("payment-v1"));

        CompatibilityReport report = registry.test("payments", load("payment-v1"));

        assertThat(report.compatible()).isTrue();
        assertThat(report.existingVersion()).isEqualTo(1);
    }

    @Test
    void fingerprintLookupReadsTheStoreOnlyOnce() {
        long fingerprint = new SchemaRegistry(store).register("payments", load("payment-v1")).fingerprint();
        long before = store.reads();

        for (int i = 0; i < 1000; i++) {
            assertThat(registry.findByFingerprint(fingerprint)).contains(load("payment-v1"));
        }

        assertThat(store.reads() - before).isEqualTo(1);
    }

    @Test
    void unknownFingerprintIsEmpty() {
        assertThat(registry.findByFingerprint(42L)).isEmpty();
        assertThat(registry.schemaStore().findByFingerprint(42L)).isNull();
    }

    @Test
    void versionLookupsAreCachedButLatestIsRead() {
        registry.register("payments", load("payment-v1"));
        SchemaRegistry other = new SchemaRegistry(store);
        other.version("payments", 1);
        long before = store.reads();

        other.version("payments", 1);
        assertThat(store.reads()).isEqualTo(before);

        registry.register("payments", load("payment-v2-currency-with-default"));
        assertThat(other.latest("payments").version()).isEqualTo(2);
    }

    @Test
    void missingSubjectOrVersionIsNotFound() {
        assertThatThrownBy(() -> registry.versions("nothing")).isInstanceOf(SchemaNotFoundException.class)
                .hasMessage("Subject 'nothing' does not exist.");
        registry.register("payments", load("payment-v1"));
        assertThatThrownBy(() -> registry.version("payments", 7)).isInstanceOf(SchemaNotFoundException.class)
                .hasMessage("Subject 'payments' has no version 7; its versions are 1 to 1.");
    }

    @Test
    void subjectNamesAreCheckedBeforeTouchingTheStore() {
        assertThatThrownBy(() -> registry.register("bad/name", load("payment-v1")))
                .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("'bad/name' is not valid");
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void subjectsListsEverySubjectSorted() {
        registry.register("payments", load("payment-v1"));
        registry.setMode("orders", CompatibilityMode.FULL);

        assertThat(registry.subjects()).containsExactly("orders", "payments");
        assertThat(registry.versions("orders")).isEmpty();
    }

    @Test
    void concurrentRegistrationsNeverShareAVersionNumber() throws Exception {
        registry.setMode("racy", CompatibilityMode.NONE);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<RegisteredSchema>> tasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Schema schema = SchemaBuilder.record("Racy").fields().requiredInt("field" + i).endRecord();
                SchemaRegistry ownRegistry = new SchemaRegistry(store);
                tasks.add(() -> ownRegistry.register("racy", schema));
            }
            List<RegisteredSchema> results = new ArrayList<>();
            for (Future<RegisteredSchema> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }

            Set<Integer> numbers = results.stream().map(RegisteredSchema::version).collect(Collectors.toSet());
            assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
            for (RegisteredSchema result : results) {
                assertThat(registry.version("racy", result.version()).schema()).isEqualTo(result.schema());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidSchemaTextIsRefusedWithAvrosReason() {
        assertThatThrownBy(() -> SchemaRegistry.parse("{\"type\": \"record\", \"name\": \"X\"}"))
                .isInstanceOf(InvalidSchemaException.class).hasMessageStartingWith("The schema is not valid Avro: ");
    }

    @Test
    void modeNamesParseLeniently() {
        assertThat(CompatibilityMode.parse("full-transitive")).isEqualTo(CompatibilityMode.FULL_TRANSITIVE);
        assertThatThrownBy(() -> CompatibilityMode.parse("SIDEWAYS")).isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("use one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD");
    }
}
