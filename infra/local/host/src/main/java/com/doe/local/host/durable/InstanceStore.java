package com.doe.local.host.durable;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.core.http.rest.Response;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orchestration instances in Blob Storage ({@code AzureWebJobsStorage}): one blob per instance,
 * {@code instances/<instanceId>} in the container {@code <hub>-durable}, with the runtime status in
 * its metadata so a restart finds the in-flight instances without reading the finished ones.
 * Writes are conditional on the ETag last read or written, so a second host on the same task hub
 * fails loudly instead of corrupting a history. Callers serialize access per instance.
 */
final class InstanceStore {

    private static final String PREFIX = "instances/";

    /** An instance as the listing shows it: its id and the runtime status in its metadata ("" if none). */
    record Listed(String instanceId, String status) {

        /** Whether the listed status is a terminal one; a missing or unknown status is not. */
        boolean finished() {
            try {
                return Instance.isTerminal(OrchestrationStatus.valueOf(status));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    private final BlobContainerClient container;
    private final String hub;
    private final Map<String, String> etags = new ConcurrentHashMap<>();

    InstanceStore(BlobServiceClient storage, String hub) {
        this.hub = hub;
        this.container = storage.getBlobContainerClient(containerName(hub));
        container.createIfNotExists();
    }

    static String containerName(String hub) {
        String name = hub.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-")
                .replaceAll("^-|-$", "");
        name = name.length() > 50 ? name.substring(0, 50) : name;
        return (name.length() < 3 ? "hub" + name : name) + "-durable";
    }

    Optional<Instance> read(String instanceId) {
        try {
            BlobDownloadContentResponse response = blob(instanceId).downloadContentWithResponse(null, null, null, null);
            etags.put(instanceId, response.getDeserializedHeaders().getETag());
            return Optional.of(Instance.fromBytes(response.getValue().toBytes()));
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.BLOB_NOT_FOUND) {
                etags.remove(instanceId);
                return Optional.empty();
            }
            throw e;
        }
    }

    void write(Instance instance) {
        String etag = etags.get(instance.id());
        BlobRequestConditions conditions = etag == null ? new BlobRequestConditions().setIfNoneMatch("*")
                : new BlobRequestConditions().setIfMatch(etag);
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(instance.toBytes()))
                .setRequestConditions(conditions)
                .setMetadata(Map.of("status", instance.status().name(), "name", instance.state().getName()));
        try {
            Response<BlockBlobItem> response = blob(instance.id()).uploadWithResponse(options, null, null);
            etags.put(instance.id(), response.getValue().getETag());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 409 || e.getStatusCode() == 412) {
                etags.remove(instance.id());
                throw new IllegalStateException("orchestration instance '" + instance.id() + "' of task hub '" + hub
                        + "' was changed by someone else: is another host running on the same task hub "
                        + "(AzureWebJobsStorage, DurableTaskHubName)? Stop it; one local host per task hub.", e);
            }
            throw e;
        }
    }

    void delete(String instanceId) {
        blob(instanceId).deleteIfExists();
        etags.remove(instanceId);
    }

    List<Listed> list() {
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(PREFIX)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        return container.listBlobs(options, null).stream()
                .map(item -> new Listed(item.getName().substring(PREFIX.length()), status(item)))
                .toList();
    }

    private static String status(BlobItem item) {
        Map<String, String> metadata = item.getMetadata();
        return metadata == null ? "" : metadata.getOrDefault("status", "");
    }

    private BlobClient blob(String instanceId) {
        return container.getBlobClient(PREFIX + instanceId);
    }
}
