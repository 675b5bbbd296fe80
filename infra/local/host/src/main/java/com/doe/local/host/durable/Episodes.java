package com.doe.local.host.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one episode of an instance: its inbox becomes the new events of a replay through the
 * orchestrator function, and the outcome is stored before anything else happens: the history grown
 * by the new events and the recorded actions, or the end of the execution. A termination in the
 * inbox ends the execution without a replay; an inbox that arrives after the end is discarded.
 *
 * <p>Thread-safe: an episode holds the instance's lock from reading it to storing the outcome.
 */
final class Episodes {

    private final Instances instances;
    private final OrchestratorFunction orchestrator;
    private final ExecutionEnd ends;
    private final Supplier<Instant> clock;

    Episodes(Instances instances, OrchestratorFunction orchestrator, ExecutionEnd ends, Supplier<Instant> clock) {
        this.instances = instances;
        this.orchestrator = orchestrator;
        this.ends = ends;
        this.clock = clock;
    }

    /** Runs an episode if the instance has new events; returns the effects to carry out next, in order. */
    List<Effect> run(String instanceId) {
        return instances.withLock(instanceId, () -> {
            Optional<Instance> found = instances.load(instanceId);
            if (found.isEmpty() || found.get().inbox().isEmpty()) {
                return List.of();
            }
            Instance instance = found.get();
            if (instance.isTerminal()) {
                instances.save(new Instance(instance.state(), instance.executionId(), instance.history(), List.of()));
                return List.of();
            }
            Optional<HistoryEvent> termination = instance.inbox().stream().filter(HistoryEvent::hasExecutionTerminated).findFirst();
            if (termination.isPresent()) {
                var terminated = termination.get().getExecutionTerminated();
                return ends.finish(instance, List.of(termination.get()), OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED,
                        terminated.hasInput() ? terminated.getInput() : null, null);
            }
            return replay(instance);
        });
    }

    private List<Effect> replay(Instance instance) {
        Instant now = clock.get();
        for (HistoryEvent event : instance.inbox()) {
            if (event.hasTimerFired()) {
                // The SDK fires a timer only when the episode's time is strictly after its fire time.
                Instant fireAt = HistoryEvents.instant(event.getTimerFired().getFireAt()).plusMillis(1);
                now = fireAt.isAfter(now) ? fireAt : now;
            }
        }
        List<HistoryEvent> newEvents = new ArrayList<>();
        newEvents.add(HistoryEvents.orchestratorStarted(now));
        newEvents.addAll(instance.inbox());
        OrchestratorFunction.Outcome outcome = orchestrator.replay(instance, newEvents);
        if (outcome instanceof OrchestratorFunction.Failed failed) {
            return ends.finish(instance, newEvents, OrchestrationStatus.ORCHESTRATION_STATUS_FAILED, null, failed.failure());
        }
        return apply(instance, newEvents, ((OrchestratorFunction.Replayed) outcome).response(), now);
    }

    private List<Effect> apply(Instance instance, List<HistoryEvent> newEvents, OrchestratorResponse response, Instant now) {
        ActionRecorder.Recorded recorded = ActionRecorder.record(instance, response.getActionsList(), now);
        List<HistoryEvent> history = new ArrayList<>(instance.history());
        history.addAll(newEvents);
        history.addAll(recorded.events());
        history.add(HistoryEvents.orchestratorCompleted(now));
        OrchestrationState.Builder state = instance.state().toBuilder()
                .setOrchestrationStatus(OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING)
                .setLastUpdatedTimestamp(HistoryEvents.timestamp(clock.get()));
        if (response.hasCustomStatus()) {
            state.setCustomStatus(response.getCustomStatus());
        } else {
            state.clearCustomStatus();
        }
        List<Effect> effects = new ArrayList<>(recorded.effects());
        if (recorded.completion() == null) {
            instances.save(new Instance(state.build(), instance.executionId(), history, List.of()));
        } else {
            effects.addAll(ends.complete(instance, state, history, recorded.completion()));
        }
        return effects;
    }
}
