package com.doe.run.cosmos;

import com.azure.cosmos.CosmosClient;
import com.doe.DoeException;
import com.doe.clients.CosmosDocuments;
import com.doe.run.RunQuery;
import com.doe.run.RunRecord;
import com.doe.run.RunStore;
import com.doe.settings.AppSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Run records in the Cosmos DB container {@code runs}, one document per run with the run id as id
 * and partition key: reading a run is a point read, updates are ETag-conditional replaces, and
 * listing is one query ordered by start time ({@code startedAtMillis}, since ISO texts with and
 * without fractions do not sort as times).
 *
 * <p>Thread-safe. Does not own the client.
 */
public final class CosmosRunStore implements RunStore {

    public static final String CONTAINER = "runs";
    public static final String PARTITION_KEY_PATH = "/id";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final CosmosDocuments documents;

    public CosmosRunStore(CosmosDocuments documents) {
        this.documents = documents;
    }

    /** The store of this deployment (container created on the local server, provisioned in Azure). */
    public static CosmosRunStore fromSettings(CosmosClient client, AppSettings settings) {
        return new CosmosRunStore(CosmosDocuments.open(client, settings, CONTAINER, PARTITION_KEY_PATH, "Run store"));
    }

    @Override
    public boolean create(RunRecord record) {
        return documents.create(toDocument(record), record.runId());
    }

    @Override
    public Optional<Tagged> read(String runId) {
        return documents.read(runId, runId).map(item -> new Tagged(toRecord(item.document()), item.etag()));
    }

    @Override
    public boolean replace(RunRecord record, String etag) {
        return documents.replaceIfUnchanged(toDocument(record), record.runId(), etag);
    }

    @Override
    public List<RunRecord> list(RunQuery query) {
        StringBuilder sql = new StringBuilder("SELECT TOP " + query.limit() + " * FROM c WHERE c.kind = 'run'");
        List<Object> parameters = new ArrayList<>();
        if (query.pipelineId() != null) {
            sql.append(" AND c.pipelineId = @pipelineId");
            parameters.add("@pipelineId");
            parameters.add(query.pipelineId());
        }
        if (query.status() != null) {
            sql.append(" AND c.status = @status");
            parameters.add("@status");
            parameters.add(query.status().name());
        }
        sql.append(" ORDER BY c.startedAtMillis DESC");
        return documents.query(sql.toString(), parameters.toArray()).stream().map(CosmosRunStore::toRecord).toList();
    }

    private static ObjectNode toDocument(RunRecord record) {
        ObjectNode document = JSON.valueToTree(record);
        document.put("id", record.runId());
        document.put("kind", "run");
        document.put("startedAtMillis", record.startedAt().toEpochMilli());
        return document;
    }

    private static RunRecord toRecord(ObjectNode document) {
        try {
            return JSON.treeToValue(document, RunRecord.class);
        } catch (JsonProcessingException e) {
            throw new DoeException("Run document '" + document.path("id").asText() + "' in container '" + CONTAINER
                    + "' cannot be read as a run record: " + e.getOriginalMessage(), e);
        }
    }
}
