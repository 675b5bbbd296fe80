package com.doe.orchestration;

import java.time.Duration;
import java.util.Optional;

/**
 * The durable orchestration instances of runs (instance id = run id), as {@link RetryRun} needs
 * them: {@link DurableRunInstances} over the durable client. Implementations are thread-safe.
 */
public interface RunInstances {

    /**
     * A run's orchestration instance.
     *
     * @param finished true once it has ended (completed, failed or terminated); a finished instance
     *                 may be replaced by a new one with the same id
     * @param state    the input of its latest execution (the state the run was in when it ended), or
     *                 null when it has none
     */
    record Instance(boolean finished, RunState state) {
    }

    /** The instance with id {@code runId}; empty when there is none (never started, or purged). */
    Optional<Instance> find(String runId);

    /** As {@link #find}, after waiting up to {@code timeout} for the instance to finish. */
    Optional<Instance> awaitFinished(String runId, Duration timeout);

    /**
     * Starts {@link RunOrchestration} with instance id {@code runId} and input {@code state},
     * replacing a finished instance with that id.
     *
     * @throws RuntimeException when the instance could not be started (e.g. one with the id is running)
     */
    void start(String runId, RunState state);
}
