package com.doe.local.host.blob;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.doe.local.host.HostOptions;
import com.doe.local.host.LocalHost;
import com.doe.local.host.discovery.Settings;
import com.doe.local.host.support.Eventually;
import com.doe.local.host.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Blob triggers by polling Azurite, with receipts: once per blob version, across host restarts. */
class BlobTriggerIT {

    private Settings settings;
    private String hostId;
    private BlobContainerClient landing;
    private BlobContainerClient out;
    private LocalHost host;

    @BeforeEach
    void start() throws Exception {
        settings = TestApp.settings(Map.of());
        hostId = TestApp.unique("host");
        var storage = new BlobServiceClientBuilder().connectionString(settings.find("DoeStorage").orElseThrow()).buildClient();
        String container = settings.find("TestBlobContainer").orElseThrow();
        landing = storage.getBlobContainerClient(container);
        out = storage.getBlobContainerClient(container + "-out");
        landing.createIfNotExists();
        out.createIfNotExists();
        host = startHost();
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private LocalHost startHost() throws Exception {
        return LocalHost.start(new HostOptions(TestApp.folder(), "127.0.0.1", 0, 0, Duration.ofMillis(200), hostId), settings);
    }

    @Test
    void blobRunsOnceAcrossRestartsAndAgainWhenChanged() throws Exception {
        landing.getBlobClient("run1/a.txt").upload(BinaryData.fromString("v1"), true);
        landing.getBlobClient("loose.txt").upload(BinaryData.fromString("outside the pattern"), true);
        Eventually.await(Duration.ofSeconds(10), "the first run", () -> runs("run1/a.txt/"), r -> r.size() == 1);

        host.close();
        host = startHost();
        Thread.sleep(1500);

        assertThat(runs("run1/a.txt/")).containsExactly("v1");
        landing.getBlobClient("run1/a.txt").upload(BinaryData.fromString("v2"), true);
        List<String> both = Eventually.await(Duration.ofSeconds(10), "the changed blob to run", () -> runs("run1/a.txt/"),
                r -> r.size() == 2);
        assertThat(both).containsExactlyInAnyOrder("v1", "v2");
        assertThat(runs("")).hasSize(2);
    }

    @Test
    void eachNewBlobRunsWithItsPathParameters() {
        landing.getBlobClient("p1/x.csv").upload(BinaryData.fromString("x"), true);
        landing.getBlobClient("p2/sub/y.csv").upload(BinaryData.fromString("y"), true);

        Eventually.await(Duration.ofSeconds(10), "both blobs", () -> runs(""), r -> r.size() == 2);
        assertThat(runs("p1/x.csv/")).containsExactly("x");
        assertThat(runs("p2/sub/y.csv/")).containsExactly("y");
    }

    private List<String> runs(String prefix) {
        return out.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).stream()
                .map(BlobItem::getName)
                .map(name -> out.getBlobClient(name).downloadContent().toString())
                .toList();
    }
}
