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

import java.util.Optional;

/**
 * {@code /api/pipelines}: thin adapters from HTTP to {@link com.doe.api.PipelineApi}. Function keys
 * are required in Azure (authLevel FUNCTION).
 */
public final class PipelineFunctions {

    @FunctionName("PipelinesList")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "pipelines",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().pipelineApi().list());
    }

    @FunctionName("PipelinePut")
    public HttpResponseMessage put(
            @HttpTrigger(name = "request", methods = {HttpMethod.PUT}, route = "pipelines/{id}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().pipelineApi().put(id, request.getBody().orElse(null)));
    }

    @FunctionName("PipelineGet")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "pipelines/{id}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().pipelineApi().get(id));
    }

    @FunctionName("PipelineDelete")
    public HttpResponseMessage delete(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE}, route = "pipelines/{id}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().pipelineApi().delete(id));
    }

    @FunctionName("PipelineVersions")
    public HttpResponseMessage versions(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "pipelines/{id}/versions",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().pipelineApi().versions(id));
    }

    @FunctionName("PipelineVersion")
    public HttpResponseMessage version(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "pipelines/{id}/versions/{version}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @BindingName("version") String version,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().pipelineApi().version(id, version));
    }

    @FunctionName("PipelineDiff")
    public HttpResponseMessage diff(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "pipelines/{id}/diff",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().pipelineApi().diff(id,
                request.getQueryParameters().get("from"), request.getQueryParameters().get("to")));
    }

    @FunctionName("PipelineValidate")
    public HttpResponseMessage validate(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "pipelines/{id}/validate",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().pipelineApi().validate(id, request.getBody().orElse(null)));
    }

    @FunctionName("PipelinePreview")
    public HttpResponseMessage preview(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "pipelines/{id}/preview",
                    dataType = "binary", authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("id") String id,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().pipelineApi().preview(id, request.getBody().orElse(null),
                HttpAnswers.header(request, "Content-Type"), request.getQueryParameters().get("rows")));
    }
}
