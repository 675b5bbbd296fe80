package com.doe.local.host.durable;

import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventRaisedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionTerminatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerFiredEvent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * Builders for the history events the backend records, in the shapes the durabletask SDK's
 * executor replays: events the backend adds carry {@code eventId -1}; events that record an
 * orchestrator action carry the action's id; completions point at it ({@code taskScheduledId},
 * {@code timerId}).
 */
final class HistoryEvents {

    private HistoryEvents() {
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static HistoryEvent.Builder event(Instant at) {
        return HistoryEvent.newBuilder().setEventId(-1).setTimestamp(timestamp(at));
    }

    static HistoryEvent orchestratorStarted(Instant at) {
        return event(at).setOrchestratorStarted(OrchestratorStartedEvent.getDefaultInstance()).build();
    }

    static HistoryEvent orchestratorCompleted(Instant at) {
        return event(at).setOrchestratorCompleted(OrchestratorCompletedEvent.getDefaultInstance()).build();
    }

    static HistoryEvent executionStarted(String name, String instanceId, String executionId, String input,
                                         ParentInstanceInfo parent, Instant at) {
        ExecutionStartedEvent.Builder started = ExecutionStartedEvent.newBuilder()
                .setName(name)
                .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(instanceId)
                        .setExecutionId(StringValue.of(executionId)));
        if (input != null) {
            started.setInput(StringValue.of(input));
        }
        if (parent != null) {
            started.setParentInstance(parent);
        }
        return event(at).setExecutionStarted(started).build();
    }

    static HistoryEvent executionCompleted(OrchestrationStatus status, StringValue result, TaskFailureDetails failure,
                                           Instant at) {
        ExecutionCompletedEvent.Builder completed = ExecutionCompletedEvent.newBuilder().setOrchestrationStatus(status);
        if (result != null) {
            completed.setResult(result);
        }
        if (failure != null) {
            completed.setFailureDetails(failure);
        }
        return event(at).setExecutionCompleted(completed).build();
    }

    static HistoryEvent executionTerminated(String output, Instant at) {
        ExecutionTerminatedEvent.Builder terminated = ExecutionTerminatedEvent.newBuilder();
        if (output != null) {
            terminated.setInput(StringValue.of(output));
        }
        return event(at).setExecutionTerminated(terminated).build();
    }

    static HistoryEvent eventRaised(String name, String input, Instant at) {
        EventRaisedEvent.Builder raised = EventRaisedEvent.newBuilder().setName(name);
        if (input != null) {
            raised.setInput(StringValue.of(input));
        }
        return event(at).setEventRaised(raised).build();
    }

    static HistoryEvent taskCompleted(int taskId, String result, Instant at) {
        TaskCompletedEvent.Builder completed = TaskCompletedEvent.newBuilder().setTaskScheduledId(taskId);
        if (result != null) {
            completed.setResult(StringValue.of(result));
        }
        return event(at).setTaskCompleted(completed).build();
    }

    static HistoryEvent taskFailed(int taskId, TaskFailureDetails failure, Instant at) {
        return event(at).setTaskFailed(TaskFailedEvent.newBuilder().setTaskScheduledId(taskId).setFailureDetails(failure))
                .build();
    }

    static HistoryEvent timerFired(int timerId, Timestamp fireAt, Instant at) {
        return event(at).setTimerFired(TimerFiredEvent.newBuilder().setTimerId(timerId).setFireAt(fireAt)).build();
    }

    static HistoryEvent subOrchestrationCompleted(int taskId, StringValue result, Instant at) {
        SubOrchestrationInstanceCompletedEvent.Builder completed = SubOrchestrationInstanceCompletedEvent.newBuilder()
                .setTaskScheduledId(taskId);
        if (result != null) {
            completed.setResult(result);
        }
        return event(at).setSubOrchestrationInstanceCompleted(completed).build();
    }

    static HistoryEvent subOrchestrationFailed(int taskId, TaskFailureDetails failure, Instant at) {
        return event(at).setSubOrchestrationInstanceFailed(SubOrchestrationInstanceFailedEvent.newBuilder()
                .setTaskScheduledId(taskId).setFailureDetails(failure)).build();
    }

    /** What the SDK's {@code TaskFailedException} will report: the class, message and stack of the failure. */
    static TaskFailureDetails failure(Throwable error) {
        StringWriter stack = new StringWriter();
        error.printStackTrace(new PrintWriter(stack));
        TaskFailureDetails.Builder details = TaskFailureDetails.newBuilder()
                .setErrorType(error.getClass().getName())
                .setErrorMessage(error.getMessage() == null ? "" : error.getMessage())
                .setStackTrace(StringValue.of(stack.toString()));
        if (error.getCause() != null && error.getCause() != error) {
            details.setInnerFailure(TaskFailureDetails.newBuilder()
                    .setErrorType(error.getCause().getClass().getName())
                    .setErrorMessage(error.getCause().getMessage() == null ? "" : error.getCause().getMessage()));
        }
        return details.build();
    }

    static TaskFailureDetails failure(String type, String message) {
        return TaskFailureDetails.newBuilder().setErrorType(type).setErrorMessage(message).build();
    }
}
