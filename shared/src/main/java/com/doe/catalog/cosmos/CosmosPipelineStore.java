package com.doe.catalog.cosmos;

import com.azure.cosmos.CosmosClient;
import com.doe.catalog.PipelineHead;
import com.doe.catalog.PipelineStore;
import com.doe.catalog.PipelineVersion;
import com.doe.clients.CosmosDocuments;
import com.doe.settings.AppSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Pipelines in the Cosmos DB container {@code pipelines}, partitioned by {@code /pipelineId}: each
 * pipeline's head ({@code id = "head"}) and versions ({@code id = "v1", "v2", ...}) share its
 * partition, so every read is a point read and every write a single-partition create or
 * ETag-conditional replace. Listing pipelines is the one query (heads across partitions).
 *
 * <p>Thread-safe. Does not own the client.
 */
public final class CosmosPipelineStore implements PipelineStore {

    public static final String CONTAINER = "pipelines";
    public static final String PARTITION_KEY_PATH = "/pipelineId";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAD_ID = "head";

    private final CosmosDocuments documents;

    public CosmosPipelineStore(CosmosDocuments documents) {
        this.documents = documents;
    }

    /** The store of this deployment (container created on the local server, provisioned in Azure). */
    public static CosmosPipelineStore fromSettings(CosmosClient client, AppSettings settings) {
        return new CosmosPipelineStore(CosmosDocuments.open(client, settings, CONTAINER, PARTITION_KEY_PATH,
                "Pipeline store"));
    }

    @Override
    public Optional<Tagged<PipelineHead>> readHead(String pipelineId) {
        return documents.read(HEAD_ID, pipelineId).map(item -> new Tagged<>(toHead(item.document()), item.etag()));
    }

    @Override
    public boolean createHead(PipelineHead head) {
        return documents.create(toDocument(head), head.pipelineId());
    }

    @Override
    public boolean replaceHead(PipelineHead head, String etag) {
        return documents.replaceIfUnchanged(toDocument(head), head.pipelineId(), etag);
    }

    @Override
    public boolean createVersion(PipelineVersion version) {
        return documents.create(toDocument(version), version.pipelineId());
    }

    @Override
    public Optional<PipelineVersion> readVersion(String pipelineId, int version) {
        return documents.read(versionId(version), pipelineId).map(item -> toVersion(item.document()));
    }

    @Override
    public List<PipelineHead> heads() {
        return documents.query("SELECT * FROM c WHERE c.kind = @kind", "@kind", "head").stream()
                .map(CosmosPipelineStore::toHead)
                .sorted(Comparator.comparing(PipelineHead::pipelineId))
                .toList();
    }

    private static String versionId(int version) {
        return "v" + version;
    }

    private static ObjectNode toDocument(PipelineHead head) {
        return JSON.createObjectNode()
                .put("id", HEAD_ID)
                .put("pipelineId", head.pipelineId())
                .put("kind", "head")
                .put("latestVersion", head.latestVersion())
                .put("activeVersion", head.activeVersion())
                .put("enabled", head.enabled())
                .put("updatedAt", head.updatedAt().toString());
    }

    private static PipelineHead toHead(JsonNode document) {
        return new PipelineHead(document.path("pipelineId").asText(), document.path("latestVersion").asInt(),
                document.path("activeVersion").asInt(), document.path("enabled").asBoolean(),
                Instant.parse(document.path("updatedAt").asText()));
    }

    private static ObjectNode toDocument(PipelineVersion version) {
        ObjectNode document = JSON.createObjectNode()
                .put("id", versionId(version.version()))
                .put("pipelineId", version.pipelineId())
                .put("kind", "version")
                .put("version", version.version())
                .put("definition", version.definition())
                .put("fingerprint", version.fingerprint())
                .put("createdAt", version.createdAt().toString());
        document.put("datasetSchemaVersion", version.datasetSchemaVersion());
        return document;
    }

    private static PipelineVersion toVersion(JsonNode document) {
        JsonNode dataset = document.path("datasetSchemaVersion");
        return new PipelineVersion(document.path("pipelineId").asText(), document.path("version").asInt(),
                document.path("definition").asText(), document.path("fingerprint").asText(),
                dataset.isNumber() ? dataset.asInt() : null, Instant.parse(document.path("createdAt").asText()));
    }
}
