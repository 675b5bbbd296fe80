package com.doe.orchestration;

import com.doe.DoeException;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * {@link RunInstances} over a durable client. Starting an instance with the id of a finished one
 * replaces it: that is what Durable Functions does by default ({@code overridableExistingInstanceStates}
 * {@code NonRunningStates}: completed, failed and terminated instances are overwritten, a pending or
 * running one is refused), and what the local Functions host does. Thread-safe (the client is).
 */
public final class DurableRunInstances implements RunInstances {

    private final DurableTaskClient client;

    public DurableRunInstances(DurableTaskClient client) {
        this.client = client;
    }

    @Override
    public Optional<Instance> find(String runId) {
        return view(client.getInstanceMetadata(runId, true));
    }

    @Override
    public Optional<Instance> awaitFinished(String runId, Duration timeout) {
        try {
            return view(client.waitForInstanceCompletion(runId, timeout, true));
        } catch (TimeoutException e) {
            return find(runId);
        }
    }

    @Override
    public void start(String runId, RunState state) {
        client.scheduleNewOrchestrationInstance(RunOrchestration.NAME,
                new NewOrchestrationInstanceOptions().setInstanceId(runId).setInput(state));
    }

    private static Optional<Instance> view(OrchestrationMetadata metadata) {
        if (metadata == null || !metadata.isInstanceFound()) {
            return Optional.empty();
        }
        RunState state;
        try {
            state = metadata.getSerializedInput() == null ? null : metadata.readInputAs(RunState.class);
        } catch (RuntimeException e) {
            throw new DoeException("The orchestration state of run '" + metadata.getInstanceId()
                    + "' cannot be read as a run state: " + e.getMessage() + ". It was written by another version of "
                    + "DOE; upload the file again to start a new run.", e);
        }
        return Optional.of(new Instance(metadata.isCompleted(), state));
    }
}
