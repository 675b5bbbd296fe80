package com.doe.quarantine;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.doe.DoeException;
import com.doe.RetryableException;
import java.util.List;

/**
 * Writes quarantined rows as JSON Lines to the {@code quarantine} container, one blob per batch at
 * {@code {pipelineId}/{runId}/{batch}.jsonl}. Re-writing a batch overwrites the blob with the same
 * content, so redelivered chunks leave one copy. Thread-safe (the Blob client is).
 */
public final class BlobQuarantineSink implements QuarantineSink {

    private final BlobContainerClient container;

    /** @param container the {@code quarantine} container; created on first write if missing */
    public BlobQuarantineSink(BlobContainerClient container) {
        this.container = container;
    }

    /** The blob name of a batch. */
    public static String blobName(String pipelineId, String runId, String batch) {
        return pipelineId + "/" + runId + "/" + batch + ".jsonl";
    }

    @Override
    public void write(String pipelineId, String runId, String batch, List<QuarantineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String name = blobName(pipelineId, runId, batch);
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(QuarantineJson.toJsonLines(entries)))
                .setHeaders(new BlobHttpHeaders().setContentType("application/x-ndjson"));
        try {
            try {
                container.getBlobClient(name).uploadWithResponse(options, null, null);
            } catch (BlobStorageException e) {
                if (e.getErrorCode() != BlobErrorCode.CONTAINER_NOT_FOUND) {
                    throw e;
                }
                container.createIfNotExists();
                container.getBlobClient(name).uploadWithResponse(options, null, null);
            }
        } catch (BlobStorageException e) {
            String msg = "Could not write quarantine blob '" + name + "' in container '"
                    + container.getBlobContainerName() + "': " + e.getErrorCode();
            if (e.getStatusCode() >= 500 || e.getStatusCode() == 408 || e.getStatusCode() == 429) {
                throw new RetryableException(msg, e);
            }
            throw new DoeException(msg + ". Check that the DoeStorage account allows writes to this container.", e);
        }
    }
}
