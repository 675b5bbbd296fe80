package com.doe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * An HTTP answer of DOE's API: a status and a JSON body. Errors always have the shape
 * {@code {"error": {"code", "message", "details"}}}; no stack trace ever leaves the service.
 */
public record ApiResponse(int status, JsonNode body) {

    /** The mapper for API bodies (Java time as ISO text). Thread-safe. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(JsonNode body) {
        return new ApiResponse(201, body);
    }

    public static ApiResponse error(int status, String code, String message, ArrayNode details) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error");
        inner.put("code", code);
        inner.put("message", message);
        inner.set("details", details == null ? JSON.createArrayNode() : details);
        return new ApiResponse(status, error);
    }

    public static ApiResponse error(int status, String code, String message) {
        return error(status, code, message, null);
    }

    public String bodyText() {
        return body.toString();
    }
}
