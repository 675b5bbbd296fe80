package com.doe.api;

import com.doe.catalog.Change;
import com.doe.catalog.PipelineCatalog;
import com.doe.catalog.PipelineHead;
import com.doe.catalog.PipelineVersion;
import com.doe.catalog.SaveOutcome;
import com.doe.format.SourceFile;
import com.doe.pipeline.PipelineText;
import com.doe.pipeline.PipelineValidator;
import com.doe.pipeline.Validation;
import com.doe.preview.Preview;
import com.doe.preview.PreviewResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code /api/pipelines}: create and version definitions, read them, compare versions, validate and
 * preview without saving, disable. Each method answers with an {@link ApiResponse}; failures become
 * JSON errors, never exceptions. Thread-safe.
 */
public final class PipelineApi {

    /** Largest definition accepted (JSON or YAML text). */
    public static final int MAX_DEFINITION_BYTES = 256 * 1024;
    /** Largest sample file accepted by preview. */
    public static final int MAX_SAMPLE_BYTES = 10 * 1024 * 1024;
    /** Rows a preview runs when the request does not say. */
    public static final int DEFAULT_PREVIEW_ROWS = 20;

    private final PipelineCatalog catalog;
    private final PipelineValidator validator;
    private final Preview preview;

    public PipelineApi(PipelineCatalog catalog, PipelineValidator validator, Preview preview) {
        this.catalog = catalog;
        this.validator = validator;
        this.preview = preview;
    }

    /** {@code PUT /api/pipelines/{id}}: 201 new version, 200 unchanged, 400 problems, 409 incompatible. */
    public ApiResponse put(String pipelineId, String body) {
        return ApiErrors.guarded(() -> {
            ApiResponse refused = checkDefinitionBody(body);
            if (refused != null) {
                return refused;
            }
            SaveOutcome outcome = catalog.save(pipelineId, body);
            if (outcome instanceof SaveOutcome.Created created) {
                return ApiResponse.created(idAndVersion(created.version()));
            }
            if (outcome instanceof SaveOutcome.Unchanged unchanged) {
                return ApiResponse.ok(idAndVersion(unchanged.version()).put("unchanged", true));
            }
            if (outcome instanceof SaveOutcome.Invalid invalid) {
                return ApiErrors.invalidDefinition(pipelineId, invalid.problems());
            }
            SaveOutcome.Incompatible incompatible = (SaveOutcome.Incompatible) outcome;
            return ApiErrors.incompatible(incompatible.subject(), incompatible.mode(), incompatible.reasons());
        });
    }

    /** {@code GET /api/pipelines}: every pipeline with its active version. */
    public ApiResponse list() {
        return ApiErrors.guarded(() -> {
            ArrayNode pipelines = ApiResponse.JSON.createArrayNode();
            catalog.list().forEach(head -> pipelines.add(head(head)));
            ObjectNode body = ApiResponse.JSON.createObjectNode();
            body.set("pipelines", pipelines);
            return ApiResponse.ok(body);
        });
    }

    /** {@code GET /api/pipelines/{id}}: the active version with the pipeline's state. */
    public ApiResponse get(String pipelineId) {
        return ApiErrors.guarded(() -> {
            PipelineHead head = catalog.head(pipelineId).orElse(null);
            if (head == null) {
                return ApiErrors.notFound("Pipeline '" + pipelineId + "' does not exist. Create it with PUT "
                        + "/api/pipelines/" + pipelineId + ".");
            }
            ObjectNode body = head(head);
            body.set("active", version(catalog.version(pipelineId, head.activeVersion())));
            return ApiResponse.ok(body);
        });
    }

    /** {@code GET /api/pipelines/{id}/versions}: every version, oldest first, without definitions. */
    public ApiResponse versions(String pipelineId) {
        return ApiErrors.guarded(() -> {
            ArrayNode versions = ApiResponse.JSON.createArrayNode();
            for (PipelineVersion version : catalog.versions(pipelineId)) {
                ObjectNode item = version(version);
                item.remove("definition");
                versions.add(item);
            }
            ObjectNode body = ApiResponse.JSON.createObjectNode().put("id", pipelineId);
            body.set("versions", versions);
            return ApiResponse.ok(body);
        });
    }

    /** {@code GET /api/pipelines/{id}/versions/{v}}. */
    public ApiResponse version(String pipelineId, String versionText) {
        return ApiErrors.guarded(() -> {
            Integer version = positive(versionText);
            if (version == null) {
                return ApiErrors.badRequest("Version '" + versionText + "' is not a version number (1, 2, ...).");
            }
            return ApiResponse.ok(version(catalog.version(pipelineId, version)));
        });
    }

    /** {@code GET /api/pipelines/{id}/diff?from=1&to=2}. */
    public ApiResponse diff(String pipelineId, String fromText, String toText) {
        return ApiErrors.guarded(() -> {
            Integer from = positive(fromText);
            Integer to = positive(toText);
            if (from == null || to == null) {
                return ApiErrors.badRequest("Give both versions to compare as numbers: ?from=1&to=2.");
            }
            ArrayNode changes = ApiResponse.JSON.createArrayNode();
            for (Change change : catalog.diff(pipelineId, from, to)) {
                ObjectNode item = changes.addObject().put("path", change.path())
                        .put("kind", change.kind().name().toLowerCase());
                item.set("before", change.before());
                item.set("after", change.after());
            }
            ObjectNode body = ApiResponse.JSON.createObjectNode().put("id", pipelineId).put("from", from).put("to", to);
            body.set("changes", changes);
            return ApiResponse.ok(body);
        });
    }

    /** {@code POST /api/pipelines/{id}/validate}: every problem of a definition, nothing saved. */
    public ApiResponse validate(String pipelineId, String body) {
        return ApiErrors.guarded(() -> {
            ApiResponse refused = checkDefinitionBody(body);
            if (refused != null) {
                return refused;
            }
            JsonNode tree = PipelineText.parse(body);
            if (tree.get("id") == null) {
                ((ObjectNode) tree).put("id", pipelineId);
            }
            Validation validation = validator.validate(tree, null);
            ObjectNode answer = ApiResponse.JSON.createObjectNode().put("valid", validation.isValid());
            answer.set("problems", ApiErrors.problems(validation.problems()));
            return ApiResponse.ok(answer);
        });
    }

    /**
     * {@code POST /api/pipelines/{id}/preview}: a dry run on the first rows of a sample. A JSON body
     * {@code {"definition": {...}, "sample": "text", "sampleBase64": "...", "fileName": "x.csv",
     * "rows": 20}} previews an unsaved definition (without {@code definition}: the active one); any
     * other body is the sample file itself, previewed with the active definition.
     */
    public ApiResponse preview(String pipelineId, byte[] body, String contentType, String rowsText) {
        return ApiErrors.guarded(() -> {
            if (body == null || body.length == 0) {
                return ApiErrors.badRequest("Send a sample file as the request body, or JSON with \"sample\" or "
                        + "\"sampleBase64\".");
            }
            if (body.length > MAX_SAMPLE_BYTES) {
                return ApiErrors.tooLarge("The preview request", MAX_SAMPLE_BYTES);
            }
            String definition;
            byte[] sample;
            String fileName = "sample";
            int rows = rowsText == null ? DEFAULT_PREVIEW_ROWS : parseRows(rowsText);
            if (contentType != null && contentType.toLowerCase().startsWith("application/json")) {
                JsonNode request = ApiResponse.JSON.readTree(body);
                definition = request.hasNonNull("definition") ? request.get("definition").toString()
                        : catalog.forNewRun(pipelineId).definition();
                if (request.hasNonNull("sampleBase64")) {
                    sample = Base64.getDecoder().decode(request.get("sampleBase64").asText());
                } else if (request.hasNonNull("sample")) {
                    sample = request.get("sample").asText().getBytes(StandardCharsets.UTF_8);
                } else {
                    return ApiErrors.badRequest("The preview request has no \"sample\" (text) or \"sampleBase64\".");
                }
                fileName = request.path("fileName").asText(fileName);
                if (request.has("rows")) {
                    rows = parseRows(request.get("rows").asText());
                }
            } else {
                definition = catalog.forNewRun(pipelineId).definition();
                sample = body;
            }
            PreviewResult result = preview.run(definition, SourceFile.of(fileName, sample), rows);
            return ApiResponse.ok(PreviewJson.toJson(result));
        });
    }

    /** {@code DELETE /api/pipelines/{id}}: disables the pipeline; history is kept. */
    public ApiResponse delete(String pipelineId) {
        return ApiErrors.guarded(() -> catalog.disable(pipelineId)
                ? ApiResponse.ok(ApiResponse.JSON.createObjectNode().put("id", pipelineId).put("enabled", false))
                : ApiErrors.notFound("Pipeline '" + pipelineId + "' does not exist."));
    }

    private static int parseRows(String text) {
        Integer rows = positive(text);
        if (rows == null || rows > 1000) {
            throw new IllegalArgumentException("rows must be a number from 1 to 1000, was '" + text + "'.");
        }
        return rows;
    }

    private static ApiResponse checkDefinitionBody(String body) {
        if (body == null || body.isBlank()) {
            return ApiErrors.badRequest("Send the pipeline definition (JSON or YAML) as the request body.");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_DEFINITION_BYTES) {
            return ApiErrors.tooLarge("The definition", MAX_DEFINITION_BYTES);
        }
        return null;
    }

    private static Integer positive(String text) {
        if (text == null || !text.matches("[0-9]{1,9}")) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value > 0 ? value : null;
    }

    private static ObjectNode idAndVersion(PipelineVersion version) {
        return ApiResponse.JSON.createObjectNode().put("id", version.pipelineId()).put("version", version.version());
    }

    private static ObjectNode head(PipelineHead head) {
        return ApiResponse.JSON.createObjectNode()
                .put("id", head.pipelineId())
                .put("activeVersion", head.activeVersion())
                .put("latestVersion", head.latestVersion())
                .put("enabled", head.enabled())
                .put("updatedAt", head.updatedAt().toString());
    }

    private static ObjectNode version(PipelineVersion version) {
        ObjectNode item = idAndVersion(version)
                .put("fingerprint", version.fingerprint())
                .put("createdAt", version.createdAt().toString());
        item.put("datasetSchemaVersion", version.datasetSchemaVersion());
        item.set("definition", PipelineText.parse(version.definition()));
        return item;
    }
}
