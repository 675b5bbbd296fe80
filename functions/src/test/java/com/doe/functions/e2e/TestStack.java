package com.doe.functions.e2e;

import com.azure.core.util.BinaryData;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.doe.clients.ServiceClients;
import com.doe.kafka.ProvisionLocalTopics;
import com.doe.settings.AppSettings;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The services of the test stack ({@code infra/local/doe test} exports their settings): dropping
 * files into the landing container and reading what a run left in Neo4j, Cosmos DB and Blob Storage.
 */
final class TestStack implements AutoCloseable {

    final ServiceClients clients;

    private TestStack(ServiceClients clients) {
        this.clients = clients;
    }

    static TestStack fromEnvironment() {
        AppSettings settings = AppSettings.fromEnvironment();
        settings.require("DoeStorage");
        ServiceClients clients = new ServiceClients(settings);
        // The Kafka triggers subscribe at start: the topics must exist first (as `doe up` does).
        ProvisionLocalTopics.ensure(clients.kafka());
        clients.blob().getBlobContainerClient("landing").createIfNotExists();
        return new TestStack(clients);
    }

    static String cosmosDatabase() {
        return System.getenv("CosmosDatabase");
    }

    /** Uploads a file to {@code landing/{pipelineId}/{name}}, which starts a run. */
    void drop(String pipelineId, String name, byte[] content) {
        clients.blob().getBlobContainerClient("landing").getBlobClient(pipelineId + "/" + name)
                .upload(BinaryData.fromBytes(content), true);
    }

    /** The {@code key} property of every node with {@code label}, sorted. */
    List<String> nodeKeys(String label, String key) {
        try (var session = clients.neo4j().session()) {
            return session.run("MATCH (n:`" + label + "`) RETURN toString(n.`" + key + "`) AS k ORDER BY k")
                    .list(r -> r.get("k").asString());
        }
    }

    long nodeCount(String label) {
        try (var session = clients.neo4j().session()) {
            return session.run("MATCH (n:`" + label + "`) RETURN count(n) AS c").single().get("c").asLong();
        }
    }

    List<JsonNode> documents(String container) {
        List<JsonNode> out = new ArrayList<>();
        clients.cosmos().getDatabase(cosmosDatabase()).getContainer(container)
                .queryItems("SELECT * FROM c", new CosmosQueryRequestOptions(), JsonNode.class)
                .forEach(out::add);
        return out;
    }

    /** The JSON lines of every blob under {@code prefix} in {@code container}. */
    List<JsonNode> jsonLines(String container, String prefix) throws Exception {
        BlobContainerClient blobs = clients.blob().getBlobContainerClient(container);
        List<JsonNode> out = new ArrayList<>();
        for (BlobItem item : blobs.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
            for (String line : blobs.getBlobClient(item.getName()).downloadContent().toString().split("\n")) {
                if (!line.isBlank()) {
                    out.add(DoeApi.JSON.readTree(line));
                }
            }
        }
        return out;
    }

    /** The quarantine entries of a run. */
    List<JsonNode> quarantine(String pipelineId, String runId) throws Exception {
        return jsonLines("quarantine", pipelineId + "/" + runId + "/");
    }

    @Override
    public void close() {
        clients.close();
    }
}
