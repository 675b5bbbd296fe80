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

/** {@code /api/models}: thin adapters from HTTP to {@link com.doe.api.ModelApi}. */
public final class ModelFunctions {

    @FunctionName("ModelsList")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "models",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().modelApi().list());
    }

    @FunctionName("ModelGet")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "models/{name}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().modelApi().get(name));
    }

    @FunctionName("ModelVersion")
    public HttpResponseMessage version(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "models/{name}/versions/{version}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            @BindingName("version") String version,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().modelApi().version(name, version));
    }

    @FunctionName("ModelPromote")
    public HttpResponseMessage promote(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "models/{name}/versions/{version}/promote",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            @BindingName("version") String version,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().modelApi().promote(name, version,
                HttpAnswers.header(request, "If-Match")));
    }

    @FunctionName("ModelUpload")
    public HttpResponseMessage upload(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "models/{name}/versions",
                    dataType = "binary", authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("name") String name,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().modelApi().upload(name, request.getBody().orElse(null),
                HttpAnswers.header(request, "Content-Type"), request.getQueryParameters()));
    }
}
