package com.doe.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.doe.format.SourceFile;
import com.doe.testing.Azurite;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlobRejectedFilesIT {

    private final BlobContainerClient rejected = Azurite.freshContainer("rejected");
    private final BlobContainerClient landing = Azurite.freshContainer("landing");

    @AfterEach
    void deleteContainers() {
        rejected.deleteIfExists();
        landing.deleteIfExists();
    }

    @Test
    void theLandedOriginalIsDeletedOnlyWhileItIsTheRefusedVersion() {
        landing.createIfNotExists();
        BlobClient original = landing.getBlobClient("nope/in.csv");
        original.upload(BinaryData.fromString("iata\nAUS\n"));
        String refusedEtag = original.getProperties().getETag();
        LandedBlob refused = new LandedBlob(landing.getBlobContainerName(), "nope/in.csv", refusedEtag,
                SourceFile.of("nope/in.csv", "iata\nAUS\n".getBytes(StandardCharsets.UTF_8)));
        BlobRejectedFiles files = new BlobRejectedFiles(rejected);

        files.setAside(refused, "nope-1", "there is no pipeline 'nope'");
        assertThat(original.exists()).isFalse();

        original.upload(BinaryData.fromString("iata\nDFW\n"));
        files.setAside(refused, "nope-1", "there is no pipeline 'nope'");
        assertThat(original.exists()).as("a newer upload is a new run and stays").isTrue();
        assertThat(rejected.getBlobClient(landing.getBlobContainerName() + "/nope/in.csv").downloadContent().toString())
                .isEqualTo("iata\nAUS\n");
    }

    @Test
    void copiesTheFileWithTheReasonInMetadataAndCopyingAgainKeepsOneCopy() {
        byte[] content = "iata,latitude\nAUS,30.1\n".getBytes(StandardCharsets.UTF_8);
        LandedBlob blob = new LandedBlob("landing", "nope/in.csv", "e1", SourceFile.of("nope/in.csv", content));
        BlobRejectedFiles files = new BlobRejectedFiles(rejected);

        String where = files.setAside(blob, "nope-123", "there is no pipeline 'nope'.\nCreate it — then upload again.");
        files.setAside(blob, "nope-123", "there is no pipeline 'nope'.\nCreate it — then upload again.");

        assertThat(where).isEqualTo(rejected.getBlobContainerName() + "/landing/nope/in.csv");
        BlobClient copy = rejected.getBlobClient("landing/nope/in.csv");
        assertThat(copy.downloadContent().toBytes()).isEqualTo(content);
        Map<String, String> metadata = copy.getProperties().getMetadata();
        assertThat(metadata).containsEntry("doerunid", "nope-123").containsEntry("doesource", "landing/nope/in.csv")
                .containsEntry("doereason", "there is no pipeline 'nope'. Create it ? then upload again.");
        assertThat(rejected.listBlobs()).hasSize(1);
    }
}
