package com.doe.schema.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.doe.RetryableException;
import com.doe.clients.CosmosDocuments;
import com.doe.schema.CompatibilityMode;
import com.doe.schema.Fingerprints;
import com.doe.schema.RegistryStore;
import com.doe.schema.SubjectState;
import com.doe.settings.AppSettings;
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
    private static final String PURPOSE = "Schema registry store";

    private final CosmosDocuments documents;

    /** A store on an existing container (provisioned by {@code infra/} in Azure). */
    public CosmosRegistryStore(CosmosContainer container) {
        this(new CosmosDocuments(container, PURPOSE));
    }

    private CosmosRegistryStore(CosmosDocuments documents) {
        this.documents = documents;
    }

    /**
     * The store of this deployment: container {@value #CONTAINER} in database {@code CosmosDatabase}
     * (created on the local server; provisioned by {@code infra/} in Azure).
     */
    public static CosmosRegistryStore fromSettings(CosmosClient client, AppSettings settings) {
        return new CosmosRegistryStore(CosmosDocuments.open(client, settings, CONTAINER, PARTITION_KEY_PATH, PURPOSE));
    }

    @Override
    public Optional<Tagged<SubjectState>> readSubject(String subject) {
        return read(subjectId(subject)).map(item -> new Tagged<>(toState(item.document()), item.etag()));
    }

    @Override
    public boolean createSubject(SubjectState state) {
        addToIndex(state.subject());
        return create(toItem(state));
    }

    @Override
    public boolean replaceSubject(SubjectState state, String etag) {
        return replaceIfUnchanged(toItem(state), etag);
    }

    @Override
    public List<String> listSubjects() {
        return read(INDEX_ID).map(item -> names(item.document())).map(List::copyOf).orElse(List.of());
    }

    @Override
    public void saveSchemaText(String key, String schemaJson) {
        ObjectNode item = JSON.createObjectNode().put("id", key).put("kind", "schema").put("schema", schemaJson);
        create(item);
    }

    @Override
    public Optional<String> readSchemaText(String key) {
        return read(key).map(item -> item.document().path("schema").asText());
    }

    @Override
    public Optional<CompatibilityMode> readDefaultMode() {
        return read(CONFIG_ID).map(item -> item.document().path("defaultMode").asText())
                .filter(text -> !text.isEmpty()).map(CompatibilityMode::parse);
    }

    @Override
    public void writeDefaultMode(CompatibilityMode mode) {
        ObjectNode item = JSON.createObjectNode().put("id", CONFIG_ID).put("kind", "config")
                .put("defaultMode", mode.name());
        documents.upsert(item, CONFIG_ID);
    }

    /** Adds a name to the subject index, retrying when another writer changed it first. */
    private void addToIndex(String subject) {
        for (int attempt = 1; attempt <= MAX_INDEX_ATTEMPTS; attempt++) {
            Optional<CosmosDocuments.Tagged> current = read(INDEX_ID);
            Set<String> names = current.map(item -> names(item.document())).orElseGet(TreeSet::new);
            if (!names.add(subject)) {
                return;
            }
            ObjectNode item = JSON.createObjectNode().put("id", INDEX_ID).put("kind", "subject-index");
            ArrayNode array = item.putArray("names");
            names.forEach(array::add);
            if (current.isEmpty() ? create(item) : replaceIfUnchanged(item, current.get().etag())) {
                return;
            }
        }
        throw new RetryableException("Could not add subject '" + subject + "' to the subject index in container '"
                + CONTAINER + "': it kept changing under concurrent writers. Try again.");
    }

    /** The partition key is the id: every item is its own logical partition. */
    private boolean replaceIfUnchanged(ObjectNode item, String etag) {
        return documents.replaceIfUnchanged(item, item.get("id").asText(), etag);
    }

    private Optional<CosmosDocuments.Tagged> read(String id) {
        return documents.read(id, id);
    }

    /** Creates an item; false when an item with its id exists (HTTP 409). */
    private boolean create(ObjectNode item) {
        return documents.create(item, item.get("id").asText());
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
