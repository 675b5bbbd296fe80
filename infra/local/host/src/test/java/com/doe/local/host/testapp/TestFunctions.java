package com.doe.local.host.testapp;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobOutput;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.KafkaTrigger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test function app's HTTP, blob and Kafka functions. Loaded by the host from a jar in its own
 * class loader, like the real app; it reports what it saw through blob outputs.
 */
public final class TestFunctions {

    /** Values that fail their first delivery, to prove a failed batch is delivered again. */
    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    @FunctionName("Echo")
    public HttpResponseMessage echo(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.POST}, route = "items/{id}",
                    authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            ExecutionContext context) {
        JsonObject body = new JsonObject();
        body.addProperty("id", id);
        body.addProperty("method", request.getHttpMethod().name());
        body.addProperty("body", request.getBody().orElse("<none>"));
        body.addProperty("q", request.getQueryParameters().get("q"));
        body.addProperty("contentType", request.getHeaders().get("content-type"));
        body.addProperty("invocationId", context.getInvocationId());
        body.addProperty("function", context.getFunctionName());
        return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "application/json")
                .body(body.toString()).build();
    }

    @FunctionName("Fail")
    public HttpResponseMessage fail(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "fail",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        throw new IllegalStateException("this function always fails");
    }

    @FunctionName("CountBlob")
    public void countBlob(
            @BlobTrigger(name = "content", path = "%TestBlobContainer%/{folder}/{name}", connection = "DoeStorage",
                    dataType = "binary") byte[] content,
            @BindingName("folder") String folder,
            @BindingName("name") String name,
            @BlobOutput(name = "seen", path = "%TestBlobContainer%-out/{folder}/{name}/{rand-guid}",
                    connection = "DoeStorage") OutputBinding<String> seen) {
        seen.setValue(new String(content, StandardCharsets.UTF_8));
    }

    @FunctionName("KafkaBatch")
    public void kafkaBatch(
            @KafkaTrigger(name = "events", topic = "%TestTopic%", brokerList = "%KafkaBootstrapServers%",
                    consumerGroup = "%TestGroup%", cardinality = Cardinality.MANY, dataType = "string") String[] events,
            @BindingName("OffsetArray") long[] offsets,
            @BlobOutput(name = "batch", path = "%TestBlobContainer%-out/kafka/{rand-guid}", connection = "DoeStorage")
            OutputBinding<String> batch) {
        List<String> values = new ArrayList<>();
        for (String event : events) {
            JsonObject json = JsonParser.parseString(event).getAsJsonObject();
            values.add(json.get("Value").getAsString());
        }
        for (String value : values) {
            if (value.startsWith("fail-once") && FAILED_ONCE.add(value)) {
                throw new IllegalStateException("first delivery of " + value + " fails");
            }
        }
        JsonObject report = new JsonObject();
        report.addProperty("values", String.join(",", values));
        report.addProperty("firstOffset", offsets[0]);
        report.addProperty("size", events.length);
        batch.setValue(report.toString());
    }
}
