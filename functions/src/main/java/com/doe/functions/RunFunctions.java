package com.doe.functions;

import com.doe.app.DoeServices;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import com.doe.orchestration.DurableRunInstances;
import com.doe.orchestration.RunEvents;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;

import java.util.Map;
import java.util.Optional;

/** {@code /api/runs}: thin adapters from HTTP to {@link com.doe.api.RunApi}. */
public final class RunFunctions {

    @FunctionName("RunsList")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "runs",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        Map<String, String> query = request.getQueryParameters();
        return HttpAnswers.of(request,
                DoeServices.get().runApi().list(query.get("pipelineId"), query.get("status"), query.get("limit")));
    }

    @FunctionName("RunGet")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "runs/{runId}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("runId") String runId,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().runApi().get(runId));
    }

    @FunctionName("RunCancel")
    public HttpResponseMessage cancel(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "runs/{runId}/cancel",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("runId") String runId,
            @DurableClientInput(name = "durable") DurableClientContext durable,
            ExecutionContext context) {
        // The binding builds a client with its own gRPC channel per invocation: close it, or every call leaks one.
        try (DurableTaskClient client = durable.getClient()) {
            return HttpAnswers.of(request, DoeServices.get().runApi().cancel(runId,
                    id -> client.raiseEvent(id, RunEvents.CANCEL, null)));
        }
    }

    /** Resumes a Failed or Cancelled run from the stage where it stopped (same run id, pinned version, stored chunks). */
    @FunctionName("RunRetry")
    public HttpResponseMessage retry(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "runs/{runId}/retry",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("runId") String runId,
            @DurableClientInput(name = "durable") DurableClientContext durable,
            ExecutionContext context) {
        try (DurableTaskClient client = durable.getClient()) {
            return HttpAnswers.of(request, DoeServices.get().runApi().retry(runId, new DurableRunInstances(client),
                    request.getUri() == null ? null : request.getUri().toString()));
        }
    }
}
