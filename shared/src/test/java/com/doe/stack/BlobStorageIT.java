package com.doe.stack;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.doe.clients.BlobClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Blob Storage (Azurite locally) through the official SDK and DOE's client factory. */
class BlobStorageIT {

    private static BlobContainerClient container;

    @BeforeAll
    static void createContainer() {
        BlobServiceClient service = BlobClients.create(StackSettings.require());
        container = service.getBlobContainerClient(StackSettings.unique("it-blob-"));
        container.create();
    }

    @AfterAll
    static void deleteContainer() {
        if (container != null) {
            container.deleteIfExists();
        }
    }

    @Test
    void uploadedBlobIsListedAndDownloadsIdentically() {
        String text = "iata,name\nAUS,Austin-Bergstrom\n";
        container.getBlobClient("landing/airports/a.csv").upload(BinaryData.fromString(text), true);
        container.getBlobClient("landing/airports/b.csv").upload(BinaryData.fromString("iata\n"), true);

        List<String> names = container.listBlobsByHierarchy("landing/airports/").stream()
                .map(BlobItem::getName).toList();
        String downloaded = container.getBlobClient("landing/airports/a.csv").downloadContent()
                .toString();

        assertThat(names).containsExactlyInAnyOrder("landing/airports/a.csv", "landing/airports/b.csv");
        assertThat(downloaded).isEqualTo(text);
        assertThat(container.getBlobClient("landing/airports/a.csv").getProperties().getBlobSize())
                .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void secondLeaseOnALeasedBlobIsRefused() {
        BlobClient blob = container.getBlobClient("claims/once.csv");
        blob.upload(BinaryData.fromString("x"), true);
        BlobLeaseClient first = new BlobLeaseClientBuilder().blobClient(blob).buildClient();
        BlobLeaseClient second = new BlobLeaseClientBuilder().blobClient(blob).buildClient();

        first.acquireLease(15);

        assertThatThrownBy(() -> second.acquireLease(15))
                .isInstanceOf(BlobStorageException.class)
                .satisfies(e -> assertThat(((BlobStorageException) e).getStatusCode()).isEqualTo(409));
        first.releaseLease();
        second.acquireLease(15);
        second.releaseLease();
    }
}
