package com.doe.sink.blob;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.doe.DoeException;
import com.doe.RetryableException;
import com.doe.chunk.Chunk;
import com.doe.sink.RunContext;
import com.doe.sink.Sink;
import com.doe.sink.SinkDetail;
import com.doe.sink.SinkResult;
import com.doe.sink.SinkStats;
import java.util.List;

/**
 * Writes each chunk's rows as one file ({@link FileFormat}) to a Blob Storage container, at the name
 * {@link BlobSinkConfig#blobName} gives for the run and chunk. An empty chunk writes no file.
 *
 * <p><b>Guarantee:</b> one file per (run, chunk) with contents that depend only on the rows, uploaded with
 * overwrite: writing a chunk again replaces the file with identical bytes, chunks in any order give the same
 * set of files, and readers never see a partial file (a blob upload commits at once). Every value can be
 * written, so this sink refuses no rows.
 *
 * <p>Thread-safe.
 */
public final class BlobSink implements Sink {

    private final String stepId;
    private final BlobSinkConfig config;
    private final BlobContainerClient container;
    private volatile boolean containerReady;

    public BlobSink(String stepId, BlobSinkConfig config, BlobServiceClient service) {
        this.stepId = stepId;
        this.config = config;
        this.container = service.getBlobContainerClient(config.container());
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public SinkResult write(RunContext run, Chunk chunk) {
        long start = System.nanoTime();
        long files = 0;
        long bytes = 0;
        if (!chunk.rows().isEmpty()) {
            String name = config.blobName(run, chunk.id().index());
            byte[] file = config.format().encode(chunk.schema(), chunk.rows(), name);
            upload(name, file);
            files = 1;
            bytes = file.length;
        }
        return new SinkResult(List.of(), new SinkStats(stepId, "blob", chunk.size(), chunk.size(), 0,
                System.nanoTime() - start, new SinkDetail.Blob(files, bytes)));
    }

    private void upload(String name, byte[] file) {
        try {
            if (!containerReady) {
                container.createIfNotExists();
                containerReady = true;
            }
            container.getBlobClient(name).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(file))
                    .setHeaders(new BlobHttpHeaders().setContentType(contentType())), null, null);
        } catch (BlobStorageException e) {
            String msg = "Step '" + stepId + "': could not write " + name + " to container '" + config.container() + "': "
                    + e.getErrorCode() + " (" + e.getStatusCode() + ")";
            int s = e.getStatusCode();
            throw s >= 500 || s == 408 || s == 429 ? new RetryableException(msg, e)
                    : new DoeException(msg + ". Check DoeStorage and the identity's Storage Blob Data Contributor role.", e);
        }
    }

    private String contentType() {
        return switch (config.format()) {
            case CSV -> "text/csv; charset=utf-8";
            case JSONL -> "application/x-ndjson";
            case AVRO -> "application/avro";
            case PARQUET -> "application/vnd.apache.parquet";
        };
    }
}
