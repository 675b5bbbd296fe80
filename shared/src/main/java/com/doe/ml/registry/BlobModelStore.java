package com.doe.ml.registry;

import com.azure.core.http.RequestConditions;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.doe.DoeException;
import com.doe.RetryableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry in a Blob Storage container (normally {@code models}). Conditional writes use
 * {@code If-None-Match: *} (create only) and {@code If-Match: <etag>} (replace only if unchanged);
 * a 409 or 412 answer means another writer won. Thread-safe (the SDK client is).
 */
public final class BlobModelStore implements ModelStore {

    private final BlobContainerClient container;

    /** @param container the registry container; created on first write if missing */
    public BlobModelStore(BlobContainerClient container) {
        this.container = container;
    }

    @Override
    public Optional<Stored> get(String path) {
        try {
            BlobDownloadContentResponse r = container.getBlobClient(path).downloadContentWithResponse(null, null, null, null);
            return Optional.of(new Stored(r.getValue().toBytes(), r.getDeserializedHeaders().getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw failure("read", path, e);
        }
    }

    @Override
    public Optional<String> etag(String path) {
        try {
            return Optional.of(container.getBlobClient(path).getProperties().getETag());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw failure("read", path, e);
        }
    }

    @Override
    public boolean createIfAbsent(String path, byte[] bytes) {
        return upload(path, bytes, new BlobRequestConditions().setIfNoneMatch("*"));
    }

    @Override
    public boolean replaceIfMatch(String path, byte[] bytes, String etag) {
        return etag == null ? createIfAbsent(path, bytes) : upload(path, bytes, new BlobRequestConditions().setIfMatch(etag));
    }

    @Override
    public void put(String path, byte[] bytes) {
        upload(path, bytes, null);
    }

    @Override
    public List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        try {
            if (!container.exists()) {
                return out;
            }
            container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).forEach(b -> out.add(b.getName()));
        } catch (BlobStorageException e) {
            throw failure("list", prefix, e);
        }
        out.sort(null);
        return out;
    }

    private boolean upload(String path, byte[] bytes, RequestConditions conditions) {
        BlobClient blob = container.getBlobClient(path);
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(bytes));
        if (conditions != null) {
            options.setRequestConditions((BlobRequestConditions) conditions);
        }
        try {
            try {
                blob.uploadWithResponse(options, null, null);
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 404 || !"ContainerNotFound".equals(String.valueOf(e.getErrorCode()))) {
                    throw e;
                }
                container.createIfNotExists();
                blob.uploadWithResponse(options, null, null);
            }
            return true;
        } catch (BlobStorageException e) {
            if (conditions != null && (e.getStatusCode() == 409 || e.getStatusCode() == 412)) {
                return false;
            }
            throw failure("write", path, e);
        }
    }

    private DoeException failure(String what, String path, BlobStorageException e) {
        String msg = "Could not " + what + " " + container.getBlobContainerName() + "/" + path + " in the model registry: "
                + e.getErrorCode() + " (HTTP " + e.getStatusCode() + ")";
        return e.getStatusCode() >= 500 || e.getStatusCode() == 429 || e.getStatusCode() == 408
                ? new RetryableException(msg, e) : new DoeException(msg, e);
    }
}
