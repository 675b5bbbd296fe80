package com.doe.api;

import com.doe.DoeException;
import com.doe.catalog.PipelineNotFoundException;
import com.doe.ml.ModelNotFoundException;
import com.doe.pipeline.InvalidPipelineException;
import com.doe.pipeline.Problem;
import com.doe.run.RunNotFoundException;
import com.doe.schema.IncompatibleSchemaException;
import com.doe.schema.InvalidSchemaException;
import com.doe.schema.SchemaNotFoundException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns failures into API error responses with the right status code. Stateless. */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** Problems of a definition, each with its JSON pointer, message and fix (400). */
    public static ApiResponse invalidDefinition(String pipelineId, List<Problem> problems) {
        return ApiResponse.error(400, "invalid_definition", "Pipeline '" + pipelineId + "' has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "; nothing was saved.", problems(problems));
    }

    /** Problems as {@code [{"path", "message", "fix"}]}. */
    public static ArrayNode problems(List<Problem> problems) {
        ArrayNode array = ApiResponse.JSON.createArrayNode();
        problems.forEach(p -> array.addObject().put("path", p.pointer()).put("message", p.message()).put("fix", p.fix()));
        return array;
    }

    public static ApiResponse tooLarge(String what, long limitBytes) {
        return ApiResponse.error(413, "payload_too_large", what + " is larger than the limit of " + limitBytes
                + " bytes.");
    }

    public static ApiResponse badRequest(String message) {
        return ApiResponse.error(400, "bad_request", message);
    }

    public static ApiResponse notFound(String message) {
        return ApiResponse.error(404, "not_found", message);
    }

    /**
     * The response for a failure: not-found 404, invalid input 400, incompatible schema 409,
     * retryable 503, any other DOE failure 500 with its message (written for users), anything else
     * 500 with a generic message and an error id (the details go to the function log under that id,
     * never to the caller).
     */
    public static ApiResponse from(Throwable failure) {
        if (failure instanceof PipelineNotFoundException || failure instanceof RunNotFoundException
                || failure instanceof SchemaNotFoundException || failure instanceof ModelNotFoundException) {
            return notFound(failure.getMessage());
        }
        if (failure instanceof InvalidPipelineException invalid) {
            return invalidDefinition("?", invalid.problems());
        }
        if (failure instanceof InvalidSchemaException) {
            return ApiResponse.error(400, "invalid_schema", failure.getMessage());
        }
        if (failure instanceof IncompatibleSchemaException incompatible) {
            return incompatible(incompatible.subject(), incompatible.mode().name(), incompatible.reasons());
        }
        if (failure instanceof DoeException doe) {
            return doe.isRetryable()
                    ? ApiResponse.error(503, "unavailable", doe.getMessage())
                    : ApiResponse.error(500, "failed", doe.getMessage());
        }
        if (failure instanceof JsonProcessingException json) {
            return badRequest("The body is not valid JSON: " + json.getOriginalMessage());
        }
        if (failure instanceof IllegalArgumentException) {
            return badRequest(failure.getMessage());
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("Request failed unexpectedly (error id {})", errorId, failure);
        return ApiResponse.error(500, "internal", "The request failed unexpectedly (error id " + errorId
                + "); the function log has the details under that id.");
    }

    /** Runs {@code answer}; whatever it throws becomes the matching error response. */
    public static ApiResponse guarded(Answer answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            return from(e);
        }
    }

    /** The work of one API call. */
    @FunctionalInterface
    public interface Answer {
        ApiResponse get() throws Exception;
    }

    /** A schema change the subject's mode forbids (409), one reason per line. */
    public static ApiResponse incompatible(String subject, String mode, List<String> reasons) {
        ArrayNode details = ApiResponse.JSON.createArrayNode();
        reasons.forEach(details::add);
        return ApiResponse.error(409, "incompatible_schema", "The change breaks consumers of subject '" + subject
                + "' under compatibility mode " + mode + "; nothing was saved.", details);
    }
}
