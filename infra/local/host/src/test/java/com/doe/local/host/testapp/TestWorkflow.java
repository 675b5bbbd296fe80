package com.doe.local.host.testapp;

import com.google.gson.JsonObject;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;

import java.time.Duration;
import java.util.Optional;

/**
 * The test app's durable functions: an orchestrator that calls an activity, waits on a durable
 * timer and on an external event, then calls another activity; and HTTP functions that drive it
 * through the durable client binding, as the real app's API does.
 */
public final class TestWorkflow {

    public record Greeting(String name) {
    }

    @FunctionName("Workflow")
    public String workflow(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        String who = context.getInput(String.class);
        String greeting = context.callActivity("Greet", new Greeting(who), String.class).await();
        context.setCustomStatus("timer");
        context.createTimer(Duration.ofSeconds(1)).await();
        context.setCustomStatus("waiting");
        String approval = context.waitForExternalEvent("Approval", Duration.ofMinutes(2), String.class).await();
        String shout = context.callActivity("Shout", approval, String.class).await();
        context.setCustomStatus("done");
        return greeting + " / " + shout;
    }

    @FunctionName("Greet")
    public String greet(@DurableActivityTrigger(name = "greeting") Greeting greeting) {
        return "Hello " + greeting.name();
    }

    /** Receives the input's JSON text, as the Java worker passes it to a String parameter. */
    @FunctionName("Shout")
    public String shout(@DurableActivityTrigger(name = "text") String text) {
        return text.toUpperCase();
    }

    @FunctionName("StartWorkflow")
    public HttpResponseMessage start(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "workflows/{id}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @DurableClientInput(name = "durable") DurableClientContext durable) {
        DurableTaskClient client = durable.getClient();
        String instanceId = client.scheduleNewOrchestrationInstance("Workflow",
                new NewOrchestrationInstanceOptions().setInput(request.getBody().orElse("nobody")).setInstanceId(id));
        return request.createResponseBuilder(HttpStatus.ACCEPTED).body(instanceId).build();
    }

    @FunctionName("RaiseWorkflowEvent")
    public HttpResponseMessage raise(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "workflows/{id}/events/{event}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @BindingName("event") String event,
            @DurableClientInput(name = "durable") DurableClientContext durable) {
        durable.getClient().raiseEvent(id, event, request.getBody().orElse(null));
        return request.createResponseBuilder(HttpStatus.ACCEPTED).build();
    }

    @FunctionName("WorkflowStatus")
    public HttpResponseMessage status(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "workflows/{id}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @DurableClientInput(name = "durable") DurableClientContext durable) {
        OrchestrationMetadata metadata = durable.getClient().getInstanceMetadata(id, true);
        if (!metadata.isInstanceFound()) {
            return request.createResponseBuilder(HttpStatus.NOT_FOUND).build();
        }
        JsonObject body = new JsonObject();
        body.addProperty("status", metadata.getRuntimeStatus().name());
        body.addProperty("output", metadata.isCompleted() ? metadata.readOutputAs(String.class) : null);
        body.addProperty("customStatus", metadata.isCustomStatusFetched() ? metadata.readCustomStatusAs(String.class) : null);
        body.addProperty("createdAt", metadata.getCreatedAt().toString());
        return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "application/json")
                .body(body.toString()).build();
    }
}
