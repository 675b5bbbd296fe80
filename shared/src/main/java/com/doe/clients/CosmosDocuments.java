package com.doe.clients;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.doe.DoeException;
import com.doe.RetryableException;
import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * JSON documents in one Cosmos DB container, with the optimistic-concurrency primitives DOE's
 * stores are built on (write-once create, ETag-conditional replace) and failures translated into
 * DOE exceptions that name the container and say what to do: throttling and unavailability are
 * retryable, the rest are permanent.
 *
 * <p>Thread-safe. Does not own the client.
 */
public final class CosmosDocuments {

    /** A document with its ETag. */
    public record Tagged(ObjectNode document, String etag) {
    }

    private final CosmosContainer container;
    private final String purpose;

    /**
     * @param purpose what the container holds, for messages, e.g. "Schema registry"
     */
    public CosmosDocuments(CosmosContainer container, String purpose) {
        this.container = container;
        this.purpose = purpose;
    }

    /**
     * The container {@code name} in the database named by {@code CosmosDatabase}. Against the local
     * Cosmos-compatible server ({@code CosmosTlsInsecure=true}) the database and container are created
     * when missing; in Azure they are provisioned by {@code infra/} and only referenced here.
     */
    public static CosmosDocuments open(CosmosClient client, AppSettings settings, String name, String partitionKeyPath,
                                       String purpose) {
        String database = settings.require(SettingNames.COSMOS_DATABASE);
        if (settings.flag(SettingNames.COSMOS_TLS_INSECURE)) {
            try {
                client.createDatabaseIfNotExists(database);
                client.getDatabase(database).createContainerIfNotExists(new CosmosContainerProperties(name, partitionKeyPath));
            } catch (CosmosException e) {
                throw failure(purpose, name, "creating database '" + database + "' and container '" + name + "'", e);
            }
        }
        return new CosmosDocuments(client.getDatabase(database).getContainer(name), purpose);
    }

    public Optional<Tagged> read(String id, String partitionKey) {
        try {
            var response = container.readItem(id, new PartitionKey(partitionKey), ObjectNode.class);
            return Optional.of(new Tagged(response.getItem(), response.getETag()));
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw failure("reading " + id, e);
        }
    }

    /** Creates a document; false when one with its id already exists (the stored one is kept). */
    public boolean create(ObjectNode document, String partitionKey) {
        String id = document.path("id").asText();
        try {
            container.createItem(document, new PartitionKey(partitionKey), new CosmosItemRequestOptions());
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == 409) {
                return false;
            }
            throw failure("creating " + id, e);
        }
    }

    /** Replaces a document if it still carries {@code etag}; false when it changed or vanished meanwhile. */
    public boolean replaceIfUnchanged(ObjectNode document, String partitionKey, String etag) {
        String id = document.path("id").asText();
        try {
            container.replaceItem(document, id, new PartitionKey(partitionKey),
                    new CosmosItemRequestOptions().setIfMatchETag(etag));
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 404) {
                return false;
            }
            throw failure("replacing " + id, e);
        }
    }

    public void upsert(ObjectNode document, String partitionKey) {
        try {
            container.upsertItem(document, new PartitionKey(partitionKey), new CosmosItemRequestOptions());
        } catch (CosmosException e) {
            throw failure("writing " + document.path("id").asText(), e);
        }
    }

    /** Runs a parameterised query across partitions; parameters are {@code name, value} pairs. */
    public List<ObjectNode> query(String sql, Object... parameters) {
        SqlQuerySpec spec = new SqlQuerySpec(sql);
        for (int i = 0; i < parameters.length; i += 2) {
            spec.getParameters().add(new SqlParameter((String) parameters[i], parameters[i + 1]));
        }
        try {
            return container.queryItems(spec, new CosmosQueryRequestOptions(), ObjectNode.class).stream().toList();
        } catch (CosmosException e) {
            throw failure("querying", e);
        }
    }

    private DoeException failure(String action, CosmosException e) {
        return failure(purpose, container.getId(), action, e);
    }

    private static DoeException failure(String purpose, String container, String action, CosmosException e) {
        int status = e.getStatusCode();
        String what = purpose + ": " + action + " in Cosmos DB container '" + container + "' failed with HTTP " + status;
        if (status == 429 || status == 408 || status == 410 || status == 449 || status == 503 || status == 500) {
            return new RetryableException(what + "; the service is busy or unavailable, try again.", e);
        }
        if (status == 401 || status == 403) {
            return new DoeException(what + ": check settings " + SettingNames.COSMOS_ENDPOINT + " and "
                    + SettingNames.COSMOS_KEY + " (or the managed identity's data-plane role).", e);
        }
        if (status == 404) {
            return new DoeException(what + ": the database or container does not exist; check setting "
                    + SettingNames.COSMOS_DATABASE + " and that infra/ provisioned container '" + container + "'.", e);
        }
        return new DoeException(what + ": " + e.getShortMessage(), e);
    }
}
