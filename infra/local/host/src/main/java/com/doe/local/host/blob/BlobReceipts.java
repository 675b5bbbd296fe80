package com.doe.local.host.blob;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Receipts that make a blob trigger run each blob version once, kept where the Functions host keeps
 * them: {@code azure-webjobs-hosts/blobreceipts/<hostId>/<function>/<etag>/<container>/<blob>} in
 * {@code AzureWebJobsStorage}. A claim creates the receipt only if none exists (If-None-Match: *);
 * a failed run may be claimed again (If-Match on the receipt) up to {@link #MAX_ATTEMPTS} times;
 * a claim held by a host that vanished is taken over after the function timeout. A changed blob has
 * a new ETag, hence a new receipt, and runs again. Thread-safe.
 */
final class BlobReceipts {

    /** As the host's blob trigger: a blob that fails five times is given up (poisoned). */
    static final int MAX_ATTEMPTS = 5;

    enum Claim { CLAIMED, DONE, BUSY }

    private final BlobContainerClient container;
    private final String hostId;
    private final String owner;
    private final Duration staleAfter;

    BlobReceipts(BlobServiceClient hostStorage, String hostId, String owner, Duration staleAfter) {
        this.container = hostStorage.getBlobContainerClient("azure-webjobs-hosts");
        this.container.createIfNotExists();
        this.hostId = hostId;
        this.owner = owner;
        this.staleAfter = staleAfter;
    }

    Claim claim(String function, String etag, String blobContainer, String blobName) {
        BlobClient receipt = receipt(function, etag, blobContainer, blobName);
        try {
            receipt.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(new byte[0]))
                    .setMetadata(metadata("running", 1))
                    .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), null, null);
            return Claim.CLAIMED;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 409 && e.getStatusCode() != 412) {
                throw e;
            }
        }
        BlobProperties properties;
        try {
            properties = receipt.getProperties();
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.BLOB_NOT_FOUND) {
                return Claim.BUSY;
            }
            throw e;
        }
        Map<String, String> metadata = properties.getMetadata();
        String status = metadata.getOrDefault("status", "");
        int attempts = Integer.parseInt(metadata.getOrDefault("attempts", "0"));
        boolean retry = status.equals("failed") && attempts < MAX_ATTEMPTS;
        boolean abandoned = status.equals("running") && !owner.equals(metadata.get("owner"))
                && Instant.parse(metadata.getOrDefault("claimedat", Instant.EPOCH.toString())).plus(staleAfter).isBefore(Instant.now());
        if (!retry && !abandoned) {
            return status.equals("running") ? Claim.BUSY : Claim.DONE;
        }
        try {
            receipt.setMetadataWithResponse(metadata("running", attempts + 1),
                    new BlobRequestConditions().setIfMatch(properties.getETag()), null, null);
            return Claim.CLAIMED;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412) {
                return Claim.BUSY;
            }
            throw e;
        }
    }

    void completed(String function, String etag, String blobContainer, String blobName) {
        update(function, etag, blobContainer, blobName, "completed");
    }

    /** Records a failed run; returns the attempts so far ({@link #MAX_ATTEMPTS} means given up). */
    int failed(String function, String etag, String blobContainer, String blobName) {
        BlobClient receipt = receipt(function, etag, blobContainer, blobName);
        int attempts = Integer.parseInt(receipt.getProperties().getMetadata().getOrDefault("attempts", "1"));
        update(function, etag, blobContainer, blobName, attempts >= MAX_ATTEMPTS ? "poisoned" : "failed");
        return attempts;
    }

    private void update(String function, String etag, String blobContainer, String blobName, String status) {
        BlobClient receipt = receipt(function, etag, blobContainer, blobName);
        Map<String, String> metadata = new HashMap<>(receipt.getProperties().getMetadata());
        metadata.put("status", status);
        metadata.put("finishedat", Instant.now().toString());
        receipt.setMetadata(metadata);
    }

    private Map<String, String> metadata(String status, int attempts) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("status", status);
        metadata.put("attempts", Integer.toString(attempts));
        metadata.put("owner", owner);
        metadata.put("claimedat", Instant.now().toString());
        return metadata;
    }

    private BlobClient receipt(String function, String etag, String blobContainer, String blobName) {
        return container.getBlobClient("blobreceipts/" + hostId + "/" + function + "/" + etag.replace("\"", "")
                + "/" + blobContainer + "/" + blobName);
    }
}
