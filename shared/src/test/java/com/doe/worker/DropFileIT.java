package com.doe.worker;

import com.azure.storage.blob.BlobContainerClient;
import com.doe.clients.BlobClients;
import com.doe.settings.AppSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code doe drop}: a local file lands at {@code {pipelineId}/{file name}} in the landing container. */
class DropFileIT {

    private final BlobContainerClient landing = BlobClients.create(AppSettings.fromEnvironment())
            .getBlobContainerClient("it-landing-" + UUID.randomUUID().toString().substring(0, 8));

    @AfterEach
    void deleteContainer() {
        landing.deleteIfExists();
    }

    @Test
    void fileLandsUnderThePipelineAndADropAgainReplacesIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("airports.csv"), "iata\nAUS\n");

        String name = DropFile.drop(landing, file, "airports");
        Files.writeString(file, "iata\nAUS\nDFW\n");
        DropFile.drop(landing, file, "airports");

        assertThat(name).isEqualTo("airports/airports.csv");
        assertThat(landing.getBlobClient(name).downloadContent().toString()).isEqualTo("iata\nAUS\nDFW\n");
    }

    @Test
    void dropIfAbsentUploadsOnceAndLeavesAnExistingBlobAlone(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("airports.csv"), "iata\nAUS\n");

        assertThat(DropFile.dropIfAbsent(landing, file, "airports")).contains("airports/airports.csv");
        String etag = landing.getBlobClient("airports/airports.csv").getProperties().getETag();
        Files.writeString(file, "iata\nAUS\nDFW\n");

        assertThat(DropFile.dropIfAbsent(landing, file, "airports")).isEmpty();
        assertThat(landing.getBlobClient("airports/airports.csv").getProperties().getETag()).isEqualTo(etag);
        assertThat(landing.getBlobClient("airports/airports.csv").downloadContent().toString()).isEqualTo("iata\nAUS\n");
    }

    @Test
    void missingFileIsRefusedByName(@TempDir Path dir) {
        assertThatThrownBy(() -> DropFile.drop(landing, dir.resolve("nope.csv"), "airports"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.csv");
    }
}
