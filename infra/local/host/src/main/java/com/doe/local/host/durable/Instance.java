package com.doe.local.host.durable;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One orchestration instance as stored: its status (the client's view), the history of its current
 * execution as the SDK replays it, and the inbox of events that arrived since its last episode
 * (they become the next episode's new events). Immutable.
 */
record Instance(OrchestrationState state, String executionId, List<HistoryEvent> history, List<HistoryEvent> inbox) {

    record PendingActivity(int taskId, String name, String input) {
    }

    record PendingTimer(int timerId, com.google.protobuf.Timestamp fireAt) {
    }

    record PendingChild(int taskId, String instanceId, String name, String input) {
    }

    Instance {
        history = List.copyOf(history);
        inbox = List.copyOf(inbox);
    }

    /** A fresh instance or execution id: a random UUID's 32 hex digits. */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    String id() {
        return state.getInstanceId();
    }

    OrchestrationStatus status() {
        return state.getOrchestrationStatus();
    }

    boolean isTerminal() {
        return isTerminal(status());
    }

    static boolean isTerminal(OrchestrationStatus status) {
        return status == OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED
                || status == OrchestrationStatus.ORCHESTRATION_STATUS_FAILED
                || status == OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED
                || status == OrchestrationStatus.ORCHESTRATION_STATUS_CANCELED;
    }

    Instance withInbox(HistoryEvent event) {
        List<HistoryEvent> next = new ArrayList<>(inbox);
        next.add(event);
        return new Instance(state, executionId, history, next);
    }

    /** The parent that started this instance as a sub-orchestration, or null. */
    ParentInstanceInfo parent() {
        return Stream.concat(history.stream(), inbox.stream())
                .filter(HistoryEvent::hasExecutionStarted)
                .map(e -> e.getExecutionStarted())
                .filter(s -> s.hasParentInstance())
                .map(s -> s.getParentInstance())
                .findFirst().orElse(null);
    }

    /** Activities scheduled in the history with no result yet (in the history or the inbox). */
    List<PendingActivity> pendingActivities() {
        Set<Integer> done = new HashSet<>();
        all().forEach(e -> {
            if (e.hasTaskCompleted()) {
                done.add(e.getTaskCompleted().getTaskScheduledId());
            } else if (e.hasTaskFailed()) {
                done.add(e.getTaskFailed().getTaskScheduledId());
            }
        });
        return history.stream().filter(e -> e.hasTaskScheduled() && !done.contains(e.getEventId()))
                .map(e -> new PendingActivity(e.getEventId(), e.getTaskScheduled().getName(),
                        e.getTaskScheduled().hasInput() ? e.getTaskScheduled().getInput().getValue() : null))
                .toList();
    }

    List<PendingTimer> pendingTimers() {
        Set<Integer> fired = new HashSet<>();
        all().filter(HistoryEvent::hasTimerFired).forEach(e -> fired.add(e.getTimerFired().getTimerId()));
        return history.stream().filter(e -> e.hasTimerCreated() && !fired.contains(e.getEventId()))
                .map(e -> new PendingTimer(e.getEventId(), e.getTimerCreated().getFireAt())).toList();
    }

    List<PendingChild> pendingChildren() {
        Set<Integer> done = new HashSet<>();
        all().forEach(e -> {
            if (e.hasSubOrchestrationInstanceCompleted()) {
                done.add(e.getSubOrchestrationInstanceCompleted().getTaskScheduledId());
            } else if (e.hasSubOrchestrationInstanceFailed()) {
                done.add(e.getSubOrchestrationInstanceFailed().getTaskScheduledId());
            }
        });
        return history.stream().filter(e -> e.hasSubOrchestrationInstanceCreated() && !done.contains(e.getEventId()))
                .map(e -> {
                    var created = e.getSubOrchestrationInstanceCreated();
                    return new PendingChild(e.getEventId(), created.getInstanceId(), created.getName(),
                            created.hasInput() ? created.getInput().getValue() : null);
                }).toList();
    }

    private Stream<HistoryEvent> all() {
        return Stream.concat(history.stream(), inbox.stream());
    }

    /** The stored form: the state, then the history (past events) and inbox (new events) as a request. */
    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            state.writeDelimitedTo(out);
            OrchestratorRequest.newBuilder().setInstanceId(id()).setExecutionId(StringValue.of(executionId))
                    .addAllPastEvents(history).addAllNewEvents(inbox).build().writeDelimitedTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Instance fromBytes(byte[] bytes) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        try {
            OrchestrationState state = OrchestrationState.parseDelimitedFrom(in);
            OrchestratorRequest request = OrchestratorRequest.parseDelimitedFrom(in);
            return new Instance(state, request.getExecutionId().getValue(), request.getPastEventsList(),
                    request.getNewEventsList());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable orchestration instance record", e);
        }
    }
}
