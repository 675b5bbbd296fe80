package com.doe.local.host.durable;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sub-orchestrations: starts the child instance an orchestrator created (unless one with its id is
 * still running), tells the parent's execution how a child ended (SubOrchestrationInstanceCompleted
 * or Failed in its inbox), and after a restart picks up the children that never started or whose end
 * the parent never heard of.
 *
 * <p>Thread-safe: changes go through the instances' locks.
 */
final class SubOrchestrations {

    private final Instances instances;
    private final Inbox inbox;
    private final EpisodeQueue episodes;
    private final Supplier<Instant> clock;

    SubOrchestrations(Instances instances, Inbox inbox, EpisodeQueue episodes, Supplier<Instant> clock) {
        this.instances = instances;
        this.inbox = inbox;
        this.episodes = episodes;
        this.clock = clock;
    }

    /** Creates the child instance, its parent recorded in its ExecutionStarted, and runs its first episode. */
    void start(Instance parent, String parentExecutionId, Instance.PendingChild child) {
        ParentInstanceInfo info = ParentInstanceInfo.newBuilder()
                .setTaskScheduledId(child.taskId())
                .setName(StringValue.of(parent.state().getName()))
                .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(parent.id())
                        .setExecutionId(StringValue.of(parentExecutionId)))
                .build();
        Instance created;
        try {
            created = instances.start(child.name(), child.instanceId(), child.input(), info, null);
        } catch (InstanceExistsException running) {
            return;
        }
        episodes.enqueue(created.id());
    }

    /** After a restart: starts a child that was never created, or tells the parent again that it ended. */
    void resume(Instance parent, Instance.PendingChild child) {
        Optional<Instance> existing = instances.find(child.instanceId());
        if (existing.isEmpty()) {
            start(parent, parent.executionId(), child);
        } else if (existing.get().isTerminal()) {
            ParentInstanceInfo info = existing.get().parent();
            if (info != null) {
                notifyParent(info, existing.get());
            }
        }
    }

    /** Delivers the child's end to the parent execution that created it. */
    void notifyParent(ParentInstanceInfo parent, Instance child) {
        Instant now = clock.get();
        HistoryEvent event = child.status() == OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED
                ? HistoryEvents.subOrchestrationCompleted(parent.getTaskScheduledId(),
                        child.state().hasOutput() ? child.state().getOutput() : null, now)
                : HistoryEvents.subOrchestrationFailed(parent.getTaskScheduledId(),
                        child.state().hasFailureDetails() ? child.state().getFailureDetails()
                                : HistoryEvents.failure("SubOrchestrationEnded", "sub-orchestration '" + child.id()
                                + "' ended " + child.status()), now);
        OrchestrationInstance target = parent.getOrchestrationInstance();
        inbox.add(target.getInstanceId(), target.hasExecutionId() ? target.getExecutionId().getValue() : null, event);
    }
}
