package com.doe.ml.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.doe.ml.ModelRegistryTestAccess;
import com.doe.testing.Azurite;
import org.junit.jupiter.api.Test;

/** The registry rules on Blob Storage (Azurite locally): conditional creates and If-Match pointer updates. */
class ModelRegistryIT {

    private final BlobContainerClient models = Azurite.freshContainer("models");

    @Test
    void blobRegistryClaimsVersionsOncePromotesAndIsSafeUnderConcurrentWriters() throws InterruptedException {
        ModelRegistryTestAccess.behavesAsARegistry(new BlobModelStore(models));

        assertThat(models.getBlobClient("churn/latest.json").downloadContent().toString()).isEqualTo("{\"version\":1}");
        assertThat(models.getBlobClient("churn/2/manifest.json").exists()).isTrue();
    }

    @Test
    void registrationsRacingWithOneKeyStoreOneVersionOnBlobStorage() throws InterruptedException {
        ModelRegistryTestAccess.concurrentRegistrationsWithOneKeyStoreOneVersion(new BlobModelStore(models));
    }

    @Test
    void conditionalWritesRefuseTheLoser() {
        BlobModelStore store = new BlobModelStore(models);

        assertThat(store.createIfAbsent("a/1/claim.json", "x".getBytes())).isTrue();
        assertThat(store.createIfAbsent("a/1/claim.json", "y".getBytes())).isFalse();
        String tag = store.get("a/1/claim.json").orElseThrow().etag();
        assertThat(store.replaceIfMatch("a/1/claim.json", "z".getBytes(), tag)).isTrue();
        assertThat(store.replaceIfMatch("a/1/claim.json", "w".getBytes(), tag)).isFalse();
        assertThat(store.get("a/1/claim.json").orElseThrow().bytes()).isEqualTo("z".getBytes());
        assertThat(store.etag("a/none")).isEmpty();
    }

    @Test
    void missingContainerListsNothingAndIsCreatedOnFirstWrite() {
        BlobContainerClient absent = Azurite.service().getBlobContainerClient(models.getBlobContainerName() + "x");
        BlobModelStore store = new BlobModelStore(absent);

        assertThat(store.list("")).isEmpty();
        store.put("m/1/model.onnx", new byte[] {1});
        assertThat(store.list("m/")).containsExactly("m/1/model.onnx");
        absent.delete();
    }
}
