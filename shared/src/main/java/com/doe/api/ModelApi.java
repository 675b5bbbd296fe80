package com.doe.api;

import com.doe.ml.InvalidModelException;
import com.doe.ml.ModelNotFoundException;
import com.doe.ml.onnx.CheckedOnnx;
import com.doe.ml.onnx.OnnxUploadCheck;
import com.doe.ml.registry.ModelDetails;
import com.doe.ml.registry.ModelManifest;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.registry.ModelSummary;
import com.doe.ml.registry.Promotion;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/models}: the model registry over HTTP. Lists models and versions, promotes a version
 * to {@code latest} without overwriting a concurrent promotion, and takes externally trained ONNX
 * models as new immutable versions after checking that they can be scored. Each method answers with
 * an {@link ApiResponse}; failures become JSON errors. Thread-safe.
 */
public final class ModelApi {

    /** Largest ONNX file accepted: models are held in worker memory, once per worker. */
    public static final int MAX_ONNX_BYTES = 64 * 1024 * 1024;

    private final ModelRegistry registry;

    public ModelApi(ModelRegistry registry) {
        this.registry = registry;
    }

    /** {@code GET /api/models}: every model with its versions (newest first) and its latest version's summary. */
    public ApiResponse list() {
        return ApiErrors.guarded(() -> {
            ArrayNode models = ApiResponse.JSON.createArrayNode();
            for (ModelSummary s : registry.list()) {
                ObjectNode item = models.addObject().put("name", s.name());
                item.put("latest", s.latest());
                ArrayNode versions = item.putArray("versions");
                newestFirst(s.versions()).forEach(versions::add);
                item.set("summary", summary(s));
            }
            ObjectNode body = ApiResponse.JSON.createObjectNode();
            body.set("models", models);
            return ApiResponse.ok(body);
        });
    }

    /** The latest version's view; null when none is promoted, or when its manifest was removed by hand. */
    private ObjectNode summary(ModelSummary s) {
        if (s.latest() == null) {
            return null;
        }
        try {
            return ModelJson.version(registry.resolve(s.name(), s.latest().toString()), s.latest(), false);
        } catch (ModelNotFoundException e) {
            return null;
        }
    }

    /** {@code GET /api/models/{name}}: every version, newest first, and which one is {@code latest}. */
    public ApiResponse get(String name) {
        return ApiErrors.guarded(() -> {
            ApiResponse refused = checkName(name);
            if (refused != null) {
                return refused;
            }
            ModelDetails details = registry.get(name);
            ObjectNode body = ApiResponse.JSON.createObjectNode().put("name", name).put("latest", details.latest());
            ArrayNode versions = body.putArray("versions");
            newestFirst(details.versions()).forEach(m -> versions.add(ModelJson.version(m, details.latest(), false)));
            return ApiResponse.ok(body);
        });
    }

    /** {@code GET /api/models/{name}/versions/{v}}: one version's metadata ({@code v} a number or {@code latest}). */
    public ApiResponse version(String name, String version) {
        return ApiErrors.guarded(() -> {
            ApiResponse refused = checkName(name);
            if (refused == null && !version.equals("latest") && positive(version) == null) {
                refused = ApiErrors.badRequest("Version '" + version + "' is not a version number (1, 2, ...) or latest.");
            }
            if (refused != null) {
                return refused;
            }
            ModelManifest m = registry.resolve(name, version);
            return ApiResponse.ok(ModelJson.version(m, registry.latest(name).orElse(null), true));
        });
    }

    /**
     * {@code POST /api/models/{name}/versions/{v}/promote}: makes {@code v} the version that score
     * steps with {@code "version": "latest"} use. With {@code ifMatch} (the {@code If-Match} header,
     * e.g. {@code "2"}), only if {@code latest} is still that version. 200 promoted or already latest,
     * 404 unknown model or version, 412 when {@code latest} is not the expected version, 409 when a
     * concurrent promotion got there first.
     */
    public ApiResponse promote(String name, String version, String ifMatch) {
        return ApiErrors.guarded(() -> {
            ApiResponse refused = checkName(name);
            Integer v = positive(version);
            if (refused == null && v == null) {
                refused = ApiErrors.badRequest("Version '" + version + "' is not a version number (1, 2, ...); promote "
                        + "names the version to make latest.");
            }
            Integer expected = ifMatch == null || ifMatch.isBlank() ? null : positive(unquote(ifMatch));
            if (refused == null && ifMatch != null && !ifMatch.isBlank() && expected == null) {
                refused = ApiErrors.badRequest("If-Match '" + ifMatch + "' is not a version: send the version you "
                        + "expect to be latest now, e.g. If-Match: \"2\" (GET /api/models/" + name + " shows it).");
            }
            if (refused != null) {
                return refused;
            }
            return promotion(registry.promote(name, v, expected));
        });
    }

    private static ApiResponse promotion(Promotion outcome) {
        ModelManifest m = outcome.version();
        if (outcome instanceof Promotion.NotAsExpected stale) {
            return ApiResponse.error(412, "precondition_failed", "Model '" + m.name() + "': latest is "
                    + (stale.current() == null ? "not set (no version is promoted)" : "version " + stale.current())
                    + ", not version " + stale.expected() + " as If-Match expected; nothing changed. "
                    + tryAgain(m, stale.current()));
        }
        if (outcome instanceof Promotion.LostRace lost) {
            return ApiResponse.error(409, "promotion_conflict", "Model '" + m.name() + "': another promotion moved "
                    + "latest to version " + lost.current() + " while this one ran, so version " + m.version()
                    + " was not promoted (it would have undone a choice you had not seen). " + tryAgain(m, lost.current()));
        }
        Integer previous = outcome instanceof Promotion.Promoted p ? p.previous() : Integer.valueOf(m.version());
        ObjectNode body = ApiResponse.JSON.createObjectNode()
                .put("name", m.name())
                .put("latest", m.version())
                .put("previous", previous)
                .put("changed", outcome instanceof Promotion.Promoted);
        body.set("version", ModelJson.version(m, m.version(), false));
        return ApiResponse.ok(body);
    }

    /**
     * {@code POST /api/models/{name}/versions} with the ONNX file as an {@code application/octet-stream}
     * body and the query parameters of {@link OnnxUploadRequest}: stores the model as a new immutable
     * version that score steps can use. 201 stored; 200 when the same file was uploaded with the same
     * inputs, task and labels before (its version, {@code "created": false}); 400 naming every problem
     * and its fix; 413 too large; 415 not a binary body.
     */
    public ApiResponse upload(String name, byte[] body, String contentType, Map<String, String> query) {
        return ApiErrors.guarded(() -> {
            ApiResponse refused = checkName(name);
            if (refused == null) {
                refused = checkBody(body, contentType);
            }
            if (refused != null) {
                return refused;
            }
            OnnxUploadRequest request = OnnxUploadRequest.parse(query);
            if (!request.problems().isEmpty()) {
                return ApiResponse.error(400, "bad_request", "The upload of model '" + name + "' has "
                        + request.problems().size() + (request.problems().size() == 1 ? " problem" : " problems")
                        + "; nothing was stored.", ApiErrors.problems(request.problems()));
            }
            CheckedOnnx checked;
            try {
                checked = OnnxUploadCheck.check("The uploaded ONNX model '" + name + "'", body, request.inputs(),
                        request.task(), request.labels());
            } catch (InvalidModelException e) {
                return ApiResponse.error(400, "invalid_model", e.getMessage() + " Nothing was stored.");
            }
            ModelRegistry.Registered stored = registry.uploadOnnx(name, checked);
            List<String> warnings = new ArrayList<>(checked.warnings());
            boolean promoted = false;
            if (request.promote()) {
                Promotion p = registry.promote(name, stored.manifest().version(), null);
                promoted = !(p instanceof Promotion.LostRace);
                if (p instanceof Promotion.LostRace lost) {
                    warnings.add("Not promoted: another promotion moved latest to version " + lost.current()
                            + " at the same time. Promote this version with POST /api/models/" + name + "/versions/"
                            + stored.manifest().version() + "/promote if you still want it.");
                }
            }
            ObjectNode answer = ModelJson.version(stored.manifest(), registry.latest(name).orElse(null), false);
            answer.put("created", stored.created()).put("promoted", promoted);
            answer.set("warnings", ModelJson.strings(warnings));
            return stored.created() ? ApiResponse.created(answer) : ApiResponse.ok(answer);
        });
    }

    private static ApiResponse checkBody(byte[] body, String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("application/octet-stream")) {
            return ApiResponse.error(415, "unsupported_media_type", "The body must be the .onnx file itself with "
                    + "Content-Type: application/octet-stream, not " + type + (type.startsWith("multipart/")
                    ? " (form uploads are not accepted)" : "") + ". With curl: --data-binary @model.onnx -H "
                    + "'Content-Type: application/octet-stream'.");
        }
        if (body == null || body.length == 0) {
            return ApiErrors.badRequest("The body is empty: send the .onnx file as the request body (curl "
                    + "--data-binary @model.onnx -H 'Content-Type: application/octet-stream').");
        }
        if (body.length > MAX_ONNX_BYTES) {
            return ApiResponse.error(413, "payload_too_large", "The ONNX model is " + body.length + " bytes, larger "
                    + "than the limit of " + MAX_ONNX_BYTES + " bytes (models are held in each worker's memory). "
                    + "Shrink it (fewer trees or features, float16 or int8 quantisation) and upload it again.");
        }
        return null;
    }

    private static ApiResponse checkName(String name) {
        return ModelRegistry.nameProblem(name).map(ApiErrors::badRequest).orElse(null);
    }

    private static String tryAgain(ModelManifest m, Integer current) {
        return "GET /api/models/" + m.name() + " to see the versions, then, if you still want version " + m.version()
                + ", promote it again" + (current == null ? "" : " with If-Match: \"" + current + "\"") + ".";
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst) {
        List<T> out = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    /** {@code "2"}, {@code W/"2"} or {@code 2} to {@code 2}. */
    private static String unquote(String tag) {
        String t = tag.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static Integer positive(String text) {
        if (text == null || !text.matches("[0-9]{1,9}")) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value > 0 ? value : null;
    }
}
