package com.doe.local.host.durable;

import com.doe.local.host.discovery.FunctionApp;
import com.doe.local.host.discovery.FunctionDefinition;
import com.doe.local.host.discovery.Trigger;
import com.doe.local.host.invoke.InvocationException;
import com.doe.local.host.invoke.Invoker;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays an instance through the app's orchestrator function, as the Functions host does: the
 * function gets an {@code OrchestratorRequest} (the history as past events, the episode's new
 * events) Base64-encoded, the app's durable middleware runs the SDK's {@code OrchestrationRunner}
 * over it and returns the encoded {@code OrchestratorResponse} with the orchestrator's actions.
 *
 * <p>Thread-safe. Failures are values: a missing function, an exception thrown out of the middleware
 * or an unreadable answer is a {@link Failed} outcome that fails the orchestration.
 */
final class OrchestratorFunction {

    /** What a replay came to. */
    sealed interface Outcome permits Replayed, Failed {
    }

    /** The orchestrator ran; its actions and custom status are in the response. */
    record Replayed(OrchestratorResponse response) implements Outcome {
    }

    /** The orchestrator could not run or answer; the orchestration fails with this. */
    record Failed(TaskFailureDetails failure) implements Outcome {
    }

    private final FunctionApp app;
    private final Invoker invoker;

    OrchestratorFunction(FunctionApp app, Invoker invoker) {
        this.app = app;
        this.invoker = invoker;
    }

    Outcome replay(Instance instance, List<HistoryEvent> newEvents) {
        String name = instance.state().getName();
        Optional<FunctionDefinition> orchestrator = app.function(name, Trigger.Orchestration.class);
        if (orchestrator.isEmpty()) {
            return new Failed(HistoryEvents.failure("OrchestratorNotFound",
                    "the app has no orchestrator function named '" + name + "'"));
        }
        try {
            String request = Base64.getEncoder().encodeToString(OrchestratorRequest.newBuilder()
                    .setInstanceId(instance.id())
                    .setExecutionId(StringValue.of(instance.executionId()))
                    .addAllPastEvents(instance.history())
                    .addAllNewEvents(newEvents)
                    .build().toByteArray());
            Object encoded = invoker.invoke(orchestrator.get(), request, Map.of());
            if (!(encoded instanceof String text)) {
                throw new IllegalStateException("orchestrator '" + name + "' returned " + encoded
                        + " instead of the durable middleware's encoded response; is durabletask-azure-functions in the app?");
            }
            return new Replayed(OrchestratorResponse.parseFrom(Base64.getDecoder().decode(text)));
        } catch (InvocationException | IllegalStateException | InvalidProtocolBufferException e) {
            Throwable cause = e instanceof InvocationException ? e.getCause() : e;
            return new Failed(HistoryEvents.failure(cause));
        }
    }
}
