package com.doe.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/**
 * {@code GET /api/health}: answers 200 while the worker is up. Anonymous so that load balancers and
 * the local stack's readiness probe can call it without a function key.
 */
public final class HealthFunction {

    @FunctionName("Health")
    public HttpResponseMessage health(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "health",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return request.createResponseBuilder(HttpStatus.OK)
                .header("Content-Type", "application/json")
                .body("{\"status\":\"UP\",\"service\":\"doe\"}")
                .build();
    }
}
