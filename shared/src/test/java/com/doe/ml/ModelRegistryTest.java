package com.doe.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.ml.registry.InMemoryModelStore;
import com.doe.ml.registry.ModelManifest;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.registry.ModelStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Registry behaviour on the in-memory store; {@code ModelRegistryIT} runs the same rules on Blob Storage. */
class ModelRegistryTest {

    static ModelRegistry.NewVersion version(String name, String key) {
        return new ModelRegistry.NewVersion(name, key, Map.of(ModelManifest.TRIBUO_FILE, key.getBytes()), v ->
                new ModelManifest(name, v, ModelManifest.TRIBUO, "classification", "logistic-regression", null, null, null,
                        "00", null, true, null, key, "p", "pv", "learn", "2026-01-01T00:00:00Z", List.of(ModelManifest.TRIBUO_FILE),
                        null, null));
    }

    static void behavesAsARegistry(ModelStore store) throws InterruptedException {
        ModelRegistry registry = new ModelRegistry(store);
        assertThat(registry.register(version("churn", "run-1/learn")).version()).isEqualTo(1);
        assertThat(registry.register(version("churn", "run-2/learn")).version()).isEqualTo(2);
        assertThat(registry.register(version("churn", "run-1/learn")).version()).as("retry of run-1").isEqualTo(1);
        assertThat(registry.latest("churn")).isEmpty();
        assertThatThrownBy(() -> registry.resolve("churn", "latest")).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("has versions [1, 2] but none is promoted");

        registry.promote("churn", 2);
        registry.promote("churn", 1);

        assertThat(registry.resolve("churn", "latest").version()).isEqualTo(1);
        assertThat(registry.file(registry.resolve("churn", "2"), ModelManifest.TRIBUO_FILE)).isEqualTo("run-2/learn".getBytes());
        assertThat(registry.list()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("churn");
            assertThat(s.versions()).containsExactly(1, 2);
            assertThat(s.latest()).isEqualTo(1);
        });
        assertThat(registry.get("churn").versions()).extracting(ModelManifest::runId).containsExactly("run-1/learn", "run-2/learn");
        assertThatThrownBy(() -> registry.get("nope")).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("There is no model named 'nope' in the registry (models: churn)");

        Set<Integer> versions = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 8; i++) {
            String key = "run-c" + i + "/learn";
            pool.submit(() -> versions.add(registry.register(version("race", key)).version()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        for (int v = 1; v <= 8; v++) {
            String runId = registry.resolve("race", Integer.toString(v)).runId();
            assertThat(registry.file(registry.resolve("race", Integer.toString(v)), ModelManifest.TRIBUO_FILE))
                    .as("version %d keeps its own writer's file", v).isEqualTo(runId.getBytes());
        }
    }

    @Test
    void versionsAreClaimedOncePromotedByPointerAndSafeUnderConcurrentWriters() throws InterruptedException {
        behavesAsARegistry(new InMemoryModelStore());
    }

    /** Same key at once, e.g. a re-delivered training while the first delivery still runs. */
    static void concurrentRegistrationsWithOneKeyStoreOneVersion(ModelStore store) throws InterruptedException {
        ModelRegistry registry = new ModelRegistry(store);
        Set<Integer> versions = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> versions.add(registry.register(version("twice", "run-9/learn")).version()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(versions).hasSize(1);
        assertThat(registry.get("twice").versions()).hasSize(1);
        assertThat(registry.findByKey("twice", "run-9/learn")).map(ModelManifest::version).contains(versions.iterator().next());
        assertThat(registry.register(version("twice", "run-10/learn")).version())
                .as("a new key gets a new number, after any number a losing writer left unused")
                .isGreaterThan(versions.iterator().next());
    }

    @Test
    void concurrentRegistrationsWithTheSameKeyGiveOneVersion() throws InterruptedException {
        concurrentRegistrationsWithOneKeyStoreOneVersion(new InMemoryModelStore());
    }

    @Test
    void reservedVersionIsTheOneTheKeysRegistrationStores() {
        ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());
        registry.register(version("churn", "run-1/learn"));

        int reserved = registry.reserve("churn", "run-2/learn");
        registry.register(version("churn", "run-3/learn"));

        assertThat(reserved).isEqualTo(2);
        assertThat(registry.reserve("churn", "run-2/learn")).as("reserving again").isEqualTo(2);
        assertThat(registry.findByKey("churn", "run-2/learn")).as("reserved, not stored yet").isEmpty();
        assertThat(registry.list()).singleElement().satisfies(s -> assertThat(s.versions()).containsExactly(1, 3));
        assertThat(registry.register(version("churn", "run-2/learn")).version()).isEqualTo(2);
        assertThat(registry.findByKey("churn", "run-2/learn")).map(ModelManifest::version).contains(2);
        assertThat(registry.list().get(0).versions()).containsExactly(1, 2, 3);
    }

    @Test
    void promoteOnceNeverMovesLatestBackOnARepeat() {
        ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());
        registry.register(version("churn", "run-1/learn"));
        registry.register(version("churn", "run-2/learn"));

        assertThat(registry.promoteOnce("churn", 1)).isTrue();
        assertThat(registry.promoteOnce("churn", 2)).isTrue();
        assertThat(registry.promoteOnce("churn", 1)).as("re-delivered training of run-1").isFalse();

        assertThat(registry.latest("churn")).contains(2);
        registry.promote("churn", 1);
        assertThat(registry.latest("churn")).as("an explicit promotion still works").contains(1);
    }

    @Test
    void refusesInvalidNames() {
        ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());
        assertThatThrownBy(() -> registry.register(version("Churn_Model", "k"))).hasMessageContaining("Model name 'Churn_Model' is not valid");
        assertThatThrownBy(() -> registry.register(version("uploads", "k"))).hasMessageContaining("not 'uploads'");
    }
}
