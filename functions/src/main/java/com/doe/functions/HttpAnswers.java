package com.doe.functions;

import com.doe.api.ApiResponse;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;

/** Maps an {@link ApiResponse} to the Functions HTTP response of a request. */
final class HttpAnswers {

    private HttpAnswers() {
    }

    /** A request header by name, whatever its case (the worker may pass header names lower-cased). */
    static String header(HttpRequestMessage<?> request, String name) {
        return request.getHeaders().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(java.util.Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    static HttpResponseMessage of(HttpRequestMessage<?> request, ApiResponse response) {
        return request.createResponseBuilder(HttpStatusType.custom(response.status()))
                .header("Content-Type", "application/json; charset=utf-8")
                .body(response.bodyText())
                .build();
    }
}
