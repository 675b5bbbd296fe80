package com.doe.local.host.durable;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Ends an instance's current execution and stores the result: finished (completed, failed or
 * terminated) with its output or failure, which the parent orchestration is told of; or continued as
 * new, with a fresh execution whose inbox starts it again with the new input and the carried-over
 * events. Called under the instance's lock; returns the effects to carry out after it.
 */
final class ExecutionEnd {

    private static final Logger LOG = Logger.getLogger(ExecutionEnd.class.getName());

    private final Instances instances;
    private final Supplier<Instant> clock;

    ExecutionEnd(Instances instances, Supplier<Instant> clock) {
        this.instances = instances;
        this.clock = clock;
    }

    /**
     * Ends the execution as the orchestrator's complete-orchestration action says.
     *
     * @param state   the instance's state after the episode
     * @param history the execution's history, the episode's events included
     */
    List<Effect> complete(Instance instance, OrchestrationState.Builder state, List<HistoryEvent> history,
                          CompleteOrchestrationAction completion) {
        if (completion.getOrchestrationStatus() == OrchestrationStatus.ORCHESTRATION_STATUS_CONTINUED_AS_NEW) {
            return continueAsNew(instance, state, completion);
        }
        Instance running = new Instance(state.build(), instance.executionId(), history, List.of());
        return finish(running, List.of(), completion.getOrchestrationStatus(),
                completion.hasResult() ? completion.getResult() : null,
                completion.hasFailureDetails() ? completion.getFailureDetails() : null);
    }

    /**
     * Records the end of an execution after {@code newEvents}; the effects tell the parent
     * orchestration, if any. Waiting clients learn of it as the instance is stored.
     */
    List<Effect> finish(Instance instance, List<HistoryEvent> newEvents, OrchestrationStatus status, StringValue output,
                        TaskFailureDetails failure) {
        Instant now = clock.get();
        List<HistoryEvent> history = new ArrayList<>(instance.history());
        history.addAll(newEvents);
        history.add(HistoryEvents.executionCompleted(status, output, failure, now));
        OrchestrationState.Builder state = instance.state().toBuilder()
                .setOrchestrationStatus(status)
                .setLastUpdatedTimestamp(HistoryEvents.timestamp(now));
        if (output != null) {
            state.setOutput(output);
        }
        if (failure != null) {
            state.setFailureDetails(failure);
        }
        Instance finished = new Instance(state.build(), instance.executionId(), history, List.of());
        instances.save(finished);
        LOG.info(() -> "orchestration '" + finished.id() + "' (" + finished.state().getName() + ") " + status.name()
                .replace("ORCHESTRATION_STATUS_", "").toLowerCase()
                + (failure == null ? "" : ": " + failure.getErrorType() + ": " + failure.getErrorMessage()));
        ParentInstanceInfo parent = finished.parent();
        return parent == null ? List.of() : List.of(new Effect.NotifyParent(parent, finished));
    }

    private List<Effect> continueAsNew(Instance instance, OrchestrationState.Builder state,
                                       CompleteOrchestrationAction completion) {
        String executionId = Instance.newId();
        String input = completion.hasResult() ? completion.getResult().getValue() : null;
        List<HistoryEvent> inbox = new ArrayList<>();
        inbox.add(HistoryEvents.executionStarted(instance.state().getName(), instance.id(), executionId, input,
                instance.parent(), clock.get()));
        inbox.addAll(completion.getCarryoverEventsList());
        state.clearOutput().clearFailureDetails();
        if (input != null) {
            state.setInput(StringValue.of(input));
        } else {
            state.clearInput();
        }
        instances.save(new Instance(state.build(), executionId, List.of(), inbox));
        return List.of(new Effect.RunEpisode(instance.id()));
    }
}
