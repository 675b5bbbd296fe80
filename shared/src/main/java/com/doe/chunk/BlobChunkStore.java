package com.doe.chunk;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.doe.DoeException;
import com.doe.RetryableException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunks in the {@code work} container at {@code {runId}/{stage}/{chunk}.avro}. Re-writing a chunk
 * uploads identical bytes (see {@link ChunkCodec}), so redelivery is harmless. Thread-safe.
 */
public final class BlobChunkStore implements ChunkStore {

    private final BlobContainerClient container;
    private final ChunkCodec codec;

    /** @param container the {@code work} container; created on first write if missing */
    public BlobChunkStore(BlobContainerClient container, ChunkCodec codec) {
        this.container = container;
        this.codec = codec;
    }

    @Override
    public void write(Chunk chunk) {
        writeEncoded(chunk.id(), codec.encode(chunk));
    }

    @Override
    public ChunkCodec codec() {
        return codec;
    }

    /** One request per chunk; the container is created only when the upload finds it missing. */
    @Override
    public void writeEncoded(ChunkId id, byte[] file) {
        for (int attempt = 0; ; attempt++) {
            try {
                container.getBlobClient(id.path())
                        .uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(file)), null, null);
                return;
            } catch (BlobStorageException e) {
                if (e.getErrorCode() == BlobErrorCode.CONTAINER_NOT_FOUND && attempt == 0) {
                    container.createIfNotExists();
                    continue;
                }
                throw failure("write", id, e);
            }
        }
    }

    /** One download request per chunk (a chunk is at most a few MB). */
    @Override
    public Chunk read(ChunkId id) {
        try (InputStream in = container.getBlobClient(id.path()).downloadContent().toStream()) {
            return ChunkCodec.decode(id, in);
        } catch (BlobStorageException e) {
            throw failure("read", id, e);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new RetryableException("Could not read chunk " + id.path() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Integer> list(String runId, String stage) {
        String prefix = runId + "/" + stage + "/";
        List<Integer> out = new ArrayList<>();
        container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).forEach(b -> {
            String n = b.getName();
            if (n.endsWith(".avro")) {
                out.add(Integer.parseInt(n.substring(prefix.length(), n.length() - ".avro".length())));
            }
        });
        out.sort(null);
        return out;
    }

    private DoeException failure(String what, ChunkId id, BlobStorageException e) {
        String msg = "Could not " + what + " chunk " + id.path() + " in container '" + container.getBlobContainerName()
                + "': " + e.getErrorCode();
        if (e.getStatusCode() == 404) {
            return new DoeException(msg + ". The stage that writes it has not run for this run.", e);
        }
        return e.getStatusCode() >= 500 || e.getStatusCode() == 429 || e.getStatusCode() == 408
                ? new RetryableException(msg, e) : new DoeException(msg, e);
    }
}
