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

/** {@code /api/schemas}: thin adapters from HTTP to {@link com.doe.api.SchemaApi}. */
public final class SchemaFunctions {

    @FunctionName("SchemaSubjects")
    public HttpResponseMessage subjects(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "schemas/subjects",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().schemaApi().subjects());
    }

    @FunctionName("SchemaVersions")
    public HttpResponseMessage versions(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "schemas/subjects/{subject}/versions",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("subject") String subject,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().schemaApi().versions(subject));
    }

    @FunctionName("SchemaRegister")
    public HttpResponseMessage register(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "schemas/subjects/{subject}/versions",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("subject") String subject,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().schemaApi().register(subject, request.getBody().orElse(null)));
    }

    @FunctionName("SchemaVersion")
    public HttpResponseMessage version(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET},
                    route = "schemas/subjects/{subject}/versions/{version}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("subject") String subject,
            @BindingName("version") String version,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().schemaApi().version(subject, version));
    }

    @FunctionName("SchemaCompatibility")
    public HttpResponseMessage compatibility(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "schemas/compatibility/subjects/{subject}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("subject") String subject,
            ExecutionContext context) {
        return HttpAnswers.of(request,
                DoeServices.get().schemaApi().testCompatibility(subject, request.getBody().orElse(null)));
    }

    @FunctionName("SchemaByFingerprint")
    public HttpResponseMessage byFingerprint(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "schemas/ids/{fingerprint}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("fingerprint") String fingerprint,
            ExecutionContext context) {
        return HttpAnswers.of(request, DoeServices.get().schemaApi().byFingerprint(fingerprint));
    }

    @FunctionName("SchemaSubjectMode")
    public HttpResponseMessage subjectMode(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.PUT}, route = "schemas/config/{subject}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("subject") String subject,
            ExecutionContext context) {
        return HttpAnswers.of(request, request.getHttpMethod() == HttpMethod.PUT
                ? DoeServices.get().schemaApi().setMode(subject, request.getBody().orElse(null))
                : DoeServices.get().schemaApi().mode(subject));
    }

    @FunctionName("SchemaDefaultMode")
    public HttpResponseMessage defaultMode(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.PUT}, route = "schemas/config",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return HttpAnswers.of(request, request.getHttpMethod() == HttpMethod.PUT
                ? DoeServices.get().schemaApi().setDefaultMode(request.getBody().orElse(null))
                : DoeServices.get().schemaApi().defaultMode());
    }
}
