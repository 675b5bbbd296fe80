package com.doe.api;

import com.doe.schema.SchemaRegistryService;
import com.doe.schema.SchemaRegistryService.CompatibilityView;
import com.doe.schema.SchemaRegistryService.SchemaVersionView;
import com.doe.schema.SchemaRegistryService.SubjectModeView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * {@code /api/schemas}: the schema registry over HTTP. Routes follow the best-known Kafka schema
 * registry's shape (subjects, versions, config, compatibility) so its users feel at home. Thread-safe.
 */
public final class SchemaApi {

    /** Largest schema accepted. */
    public static final int MAX_SCHEMA_BYTES = 256 * 1024;

    private final SchemaRegistryService registry;

    public SchemaApi(SchemaRegistryService registry) {
        this.registry = registry;
    }

    /** {@code GET /api/schemas/subjects}. */
    public ApiResponse subjects() {
        return ApiErrors.guarded(() -> ApiResponse.ok(ApiResponse.JSON.valueToTree(registry.listSubjects())));
    }

    /** {@code GET /api/schemas/subjects/{subject}/versions}. */
    public ApiResponse versions(String subject) {
        return ApiErrors.guarded(() -> ApiResponse.ok(ApiResponse.JSON.valueToTree(registry.listVersions(subject))));
    }

    /** {@code GET /api/schemas/subjects/{subject}/versions/{version}} (a number or {@code latest}). */
    public ApiResponse version(String subject, String version) {
        return ApiErrors.guarded(() -> ApiResponse.ok(view(registry.getVersion(subject, version))));
    }

    /** {@code POST /api/schemas/subjects/{subject}/versions}: body is the Avro schema JSON. */
    public ApiResponse register(String subject, String body) {
        return ApiErrors.guarded(() -> {
            ApiResponse refused = checkSchemaBody(body);
            return refused != null ? refused : ApiResponse.ok(view(registry.register(subject, schemaText(body))));
        });
    }

    /** {@code POST /api/schemas/compatibility/subjects/{subject}}: tests without registering. */
    public ApiResponse testCompatibility(String subject, String body) {
        return ApiErrors.guarded(() -> {
            ApiResponse refused = checkSchemaBody(body);
            if (refused != null) {
                return refused;
            }
            CompatibilityView view = registry.testCompatibility(subject, schemaText(body));
            ObjectNode answer = ApiResponse.JSON.createObjectNode()
                    .put("subject", view.subject())
                    .put("mode", view.mode().name())
                    .put("compatible", view.compatible())
                    .put("existingVersion", view.existingVersion());
            answer.set("reasons", ApiResponse.JSON.valueToTree(view.reasons()));
            return ApiResponse.ok(answer);
        });
    }

    /** {@code GET /api/schemas/ids/{fingerprint}}: the schema an event's header names. */
    public ApiResponse byFingerprint(String fingerprintHex) {
        return ApiErrors.guarded(() -> ApiResponse.ok(ApiResponse.JSON.createObjectNode()
                .put("fingerprint", fingerprintHex)
                .set("schema", ApiResponse.JSON.readTree(registry.getSchemaByFingerprint(fingerprintHex)))));
    }

    /** {@code GET /api/schemas/config/{subject}}. */
    public ApiResponse mode(String subject) {
        return ApiErrors.guarded(() -> ApiResponse.ok(view(registry.getMode(subject))));
    }

    /** {@code PUT /api/schemas/config/{subject}} with {@code {"mode": "FULL"}}. */
    public ApiResponse setMode(String subject, String body) {
        return ApiErrors.guarded(() -> ApiResponse.ok(view(registry.setMode(subject, modeOf(body)))));
    }

    /** {@code GET /api/schemas/config}: the default mode. */
    public ApiResponse defaultMode() {
        return ApiErrors.guarded(() -> ApiResponse.ok(ApiResponse.JSON.createObjectNode()
                .put("mode", registry.getDefaultMode().name())));
    }

    /** {@code PUT /api/schemas/config} with {@code {"mode": "FULL"}}. */
    public ApiResponse setDefaultMode(String body) {
        return ApiErrors.guarded(() -> ApiResponse.ok(ApiResponse.JSON.createObjectNode()
                .put("mode", registry.setDefaultMode(modeOf(body)).name())));
    }

    private static String modeOf(String body) throws Exception {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("Send {\"mode\": \"BACKWARD\"} (NONE, BACKWARD, BACKWARD_TRANSITIVE, "
                    + "FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE).");
        }
        JsonNode mode = ApiResponse.JSON.readTree(body).get("mode");
        if (mode == null || !mode.isTextual()) {
            throw new IllegalArgumentException("The body has no \"mode\" text, e.g. {\"mode\": \"FULL\"}.");
        }
        return mode.asText();
    }

    /** The schema itself, or the {@code schema} field of a {@code {"schema": ...}} wrapper. */
    private static String schemaText(String body) throws Exception {
        JsonNode tree = ApiResponse.JSON.readTree(body);
        JsonNode wrapped = tree.isObject() && !tree.has("type") ? tree.get("schema") : null;
        if (wrapped == null) {
            return body;
        }
        return wrapped.isTextual() ? wrapped.asText() : wrapped.toString();
    }

    private static ApiResponse checkSchemaBody(String body) {
        if (body == null || body.isBlank()) {
            return ApiErrors.badRequest("Send the Avro schema (JSON) as the request body.");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_SCHEMA_BYTES) {
            return ApiErrors.tooLarge("The schema", MAX_SCHEMA_BYTES);
        }
        return null;
    }

    private static ObjectNode view(SchemaVersionView view) throws Exception {
        ObjectNode node = ApiResponse.JSON.createObjectNode()
                .put("subject", view.subject())
                .put("version", view.version())
                .put("fingerprint", view.fingerprint());
        node.set("schema", ApiResponse.JSON.readTree(view.schema()));
        return node;
    }

    private static ObjectNode view(SubjectModeView view) {
        return ApiResponse.JSON.createObjectNode()
                .put("subject", view.subject())
                .put("mode", view.mode().name())
                .put("inherited", view.inherited());
    }
}
