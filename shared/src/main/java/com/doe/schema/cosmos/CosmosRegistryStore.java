package com.doe.schema.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.PartitionKey;
import com.doe.DoeException;
import com.doe.RetryableException;
import com.doe.schema.CompatibilityMode;
import com.doe.schema.Fingerprints;
import com.doe.schema.RegistryStore;
import com.doe.schema.SubjectState;
import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry's store in a Cosmos DB container ({@code schemas}, partition key {@code /id}),
 * using point operations only: each read is one item by id, each write one create, replace or
 * upsert. That is the cheapest access in Cosmos (about 1 RU per read) and needs no query.
 *
 * <p>Items:
 * <ul>
 *   <li>{@code subject.<name>}: the subject's mode and version list; replaced only with the etag
 *       it was read with (HTTP 412 means somebody else changed it first);</li>
 *   <li>{@code subjects}: the names of all subjects (the listing without a query);</li>
 *   <li>{@code content-<sha256>} and {@code fingerprint-<hex>}: immutable schema texts, created
 *       once (HTTP 409 means it is already there);</li>
 *   <li>{@code config}: the global default mode.</li>
 * </ul>
 *
 * <p>Thread-safe. Does not own the client.
 */
public final class CosmosRegistryStore implements RegistryStore {

    /** The container name, in the database named by setting {@code CosmosDatabase}. */
    public static final String CONTAINER = "schemas";
    public static final String PARTITION_KEY_PATH = "/id";

    private static final String INDEX_ID = "subjects";
    private static final String CONFIG_ID = "config";
    private static final int MAX_INDEX_ATTEMPTS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CosmosContainer container;

    /** A store on an existing container (provisioned by {@code infra/} in Azure). */
    public CosmosRegistryStore(CosmosContainer container) {
        this.container = container;
    }

    /**
     * The store of this deployment: container {@value #CONTAINER} in database {@code CosmosDatabase}.
     * Against the local server ({@code CosmosTlsInsecure} true) the database and container are
     * created when missing; in Azure they are provisioned by {@code infra/}.
     */
    public static CosmosRegistryStore fromSettings(CosmosClient client, AppSettings settings) {
        String databaseName = settings.require(SettingNames.COSMOS_DATABASE);
        boolean local = settings.flag(SettingNames.COSMOS_TLS_INSECURE);
        if (local) {
            try {
                client.createDatabaseIfNotExists(databaseName);
                client.getDatabase(databaseName).createContainerIfNotExists(
                        new CosmosContainerProperties(CONTAINER, PARTITION_KEY_PATH));
            } catch (CosmosException e) {
                throw failure("creating database '" + databaseName + "' and container '" + CONTAINER + "'", e);
            }
        }
        CosmosDatabase database = client.getDatabase(databaseName);
        return new CosmosRegistryStore(database.getContainer(CONTAINER));
    }

    @Override
    public Optional<Tagged<SubjectState>> readSubject(String subject) {
        return read(subjectId(subject)).map(item -> new Tagged<>(toState(item.getItem()), item.getETag()));
    }

    @Override
    public boolean createSubject(SubjectState state) {
        addToIndex(state.subject());
        return create(toItem(state));
    }

    @Override
    public boolean replaceSubject(SubjectState state, String etag) {
        String id = subjectId(state.subject());
        try {
            container.replaceItem(toItem(state), id, new PartitionKey(id),
                    new CosmosItemRequestOptions().setIfMatchETag(etag));
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 404) {
                return false;
            }
            throw failure("replacing " + id, e);
        }
    }

    @Override
    public List<String> listSubjects() {
        return read(INDEX_ID).map(item -> names(item.getItem())).map(List::copyOf).orElse(List.of());
    }

    @Override
    public void saveSchemaText(String key, String schemaJson) {
        ObjectNode item = JSON.createObjectNode().put("id", key).put("kind", "schema").put("schema", schemaJson);
        create(item);
    }

    @Override
    public Optional<String> readSchemaText(String key) {
        return read(key).map(item -> item.getItem().path("schema").asText());
    }

    @Override
    public Optional<CompatibilityMode> readDefaultMode() {
        return read(CONFIG_ID).map(item -> item.getItem().path("defaultMode").asText())
                .filter(text -> !text.isEmpty()).map(CompatibilityMode::parse);
    }

    @Override
    public void writeDefaultMode(CompatibilityMode mode) {
        ObjectNode item = JSON.createObjectNode().put("id", CONFIG_ID).put("kind", "config")
                .put("defaultMode", mode.name());
        try {
            container.upsertItem(item, new PartitionKey(CONFIG_ID), new CosmosItemRequestOptions());
        } catch (CosmosException e) {
            throw failure("writing " + CONFIG_ID, e);
        }
    }

    /** Adds a name to the subject index, retrying when another writer changed it first. */
    private void addToIndex(String subject) {
        for (int attempt = 1; attempt <= MAX_INDEX_ATTEMPTS; attempt++) {
            Optional<CosmosItemResponse<ObjectNode>> current = read(INDEX_ID);
            Set<String> names = current.map(item -> names(item.getItem())).orElseGet(TreeSet::new);
            if (!names.add(subject)) {
                return;
            }
            ObjectNode item = JSON.createObjectNode().put("id", INDEX_ID).put("kind", "subject-index");
            ArrayNode array = item.putArray("names");
            names.forEach(array::add);
            if (current.isEmpty() ? create(item) : replaceIfUnchanged(item, current.get().getETag())) {
                return;
            }
        }
        throw new RetryableException("Could not add subject '" + subject + "' to the subject index in container '"
                + CONTAINER + "': it kept changing under concurrent writers. Try again.");
    }

    private boolean replaceIfUnchanged(ObjectNode item, String etag) {
        String id = item.get("id").asText();
        try {
            container.replaceItem(item, id, new PartitionKey(id), new CosmosItemRequestOptions().setIfMatchETag(etag));
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == 412) {
                return false;
            }
            throw failure("replacing " + id, e);
        }
    }

    private Optional<CosmosItemResponse<ObjectNode>> read(String id) {
        try {
            return Optional.of(container.readItem(id, new PartitionKey(id), ObjectNode.class));
        } catch (CosmosException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw failure("reading " + id, e);
        }
    }

    /** Creates an item; false when an item with its id exists (HTTP 409). */
    private boolean create(ObjectNode item) {
        String id = item.get("id").asText();
        try {
            container.createItem(item, new PartitionKey(id), new CosmosItemRequestOptions());
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == 409) {
                return false;
            }
            throw failure("creating " + id, e);
        }
    }

    private boolean isMissing(CosmosException e) {
        return e.getStatusCode() == 404;
    }

    private static DoeException failure(String action, CosmosException e) {
        int status = e.getStatusCode();
        String what = "Schema registry store: " + action + " in Cosmos DB container '" + CONTAINER + "' failed with "
                + "HTTP " + status;
        if (status == 429 || status == 408 || status == 410 || status == 449 || status == 503 || status == 500) {
            return new RetryableException(what + "; the service is busy or unavailable, try again.", e);
        }
        if (status == 401 || status == 403) {
            return new DoeException(what + ": check settings " + SettingNames.COSMOS_ENDPOINT + " and "
                    + SettingNames.COSMOS_KEY + " (or the managed identity's data-plane role).", e);
        }
        if (status == 404) {
            return new DoeException(what + ": the database or container does not exist; check setting "
                    + SettingNames.COSMOS_DATABASE + " and that infra/ provisioned container '" + CONTAINER + "'.", e);
        }
        return new DoeException(what + ": " + e.getShortMessage(), e);
    }

    private static String subjectId(String subject) {
        return "subject." + subject;
    }

    private static Set<String> names(JsonNode index) {
        Set<String> names = new TreeSet<>();
        index.path("names").forEach(name -> names.add(name.asText()));
        return names;
    }

    private static ObjectNode toItem(SubjectState state) {
        ObjectNode item = JSON.createObjectNode()
                .put("id", subjectId(state.subject()))
                .put("kind", "subject")
                .put("subject", state.subject());
        item.put("mode", state.mode().map(Enum::name).orElse(null));
        ArrayNode versions = item.putArray("versions");
        for (SubjectState.Version version : state.versions()) {
            versions.addObject()
                    .put("version", version.version())
                    .put("fingerprint", Fingerprints.toHex(version.fingerprint()))
                    .put("contentId", version.contentId())
                    .put("registeredAt", version.registeredAt().toString());
        }
        return item;
    }

    private static SubjectState toState(JsonNode item) {
        List<SubjectState.Version> versions = new ArrayList<>();
        for (JsonNode version : item.path("versions")) {
            versions.add(new SubjectState.Version(version.path("version").asInt(),
                    Fingerprints.fromHex(version.path("fingerprint").asText()),
                    version.path("contentId").asText(),
                    Instant.parse(version.path("registeredAt").asText())));
        }
        String mode = item.path("mode").asText("");
        return new SubjectState(item.path("subject").asText(),
                mode.isEmpty() || mode.equals("null") ? Optional.empty() : Optional.of(CompatibilityMode.parse(mode)),
                versions);
    }
}
