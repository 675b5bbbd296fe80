package com.doe.local.host.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;

/**
 * Work an episode leaves to be done once its changes are stored and the instance's lock is
 * released; the backend carries the effects out in order. As the history that asks for the work is
 * stored first, a host that stops in between does the work after recovery instead of losing it.
 */
sealed interface Effect {

    /** Run an activity the orchestrator scheduled. */
    record RunActivity(String instanceId, String executionId, Instance.PendingActivity activity) implements Effect {
    }

    /** Set a durable timer the orchestrator created. */
    record SetTimer(String instanceId, String executionId, Instance.PendingTimer timer) implements Effect {
    }

    /** Start a sub-orchestration the orchestrator created. */
    record StartChild(Instance parent, String parentExecutionId, Instance.PendingChild child) implements Effect {
    }

    /** Raise an event the orchestrator sent to another instance. */
    record RaiseEvent(String instanceId, String name, String input) implements Effect {
    }

    /** Tell the parent orchestration that its sub-orchestration ended. */
    record NotifyParent(ParentInstanceInfo parent, Instance child) implements Effect {
    }

    /** Run an episode of the instance (its new execution after continue-as-new). */
    record RunEpisode(String instanceId) implements Effect {
    }
}
