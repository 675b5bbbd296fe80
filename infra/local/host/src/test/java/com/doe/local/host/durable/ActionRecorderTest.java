package com.doe.local.host.durable;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateSubOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateTimerAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ScheduleTaskAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SendEventAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ActionRecorderTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final Instance instance = new Instance(OrchestrationState.newBuilder().setInstanceId("i1").setName("Run")
            .setOrchestrationStatus(OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING).build(), "e1", List.of(), List.of());

    @Test
    void eachActionIsRecordedUnderItsIdAndLeavesTheWorkThatCarriesItOut() {
        var fireAt = HistoryEvents.timestamp(T.plusSeconds(5));
        List<OrchestratorAction> actions = List.of(
                OrchestratorAction.newBuilder().setId(0).setScheduleTask(ScheduleTaskAction.newBuilder()
                        .setName("Greet").setInput(StringValue.of("\"Ann\""))).build(),
                OrchestratorAction.newBuilder().setId(1).setCreateTimer(CreateTimerAction.newBuilder().setFireAt(fireAt)).build(),
                OrchestratorAction.newBuilder().setId(2).setCreateSubOrchestration(CreateSubOrchestrationAction.newBuilder()
                        .setName("Child").setInstanceId("c1")).build(),
                OrchestratorAction.newBuilder().setId(3).setSendEvent(SendEventAction.newBuilder()
                        .setInstance(OrchestrationInstance.newBuilder().setInstanceId("other")).setName("Go")
                        .setData(StringValue.of("1"))).build());

        ActionRecorder.Recorded recorded = ActionRecorder.record(instance, actions, T);

        assertThat(recorded.events()).extracting(HistoryEvent::getEventId).containsExactly(0, 1, 2, 3);
        assertThat(recorded.events()).extracting(HistoryEvent::getEventTypeCase).containsExactly(
                HistoryEvent.EventTypeCase.TASKSCHEDULED, HistoryEvent.EventTypeCase.TIMERCREATED,
                HistoryEvent.EventTypeCase.SUBORCHESTRATIONINSTANCECREATED, HistoryEvent.EventTypeCase.EVENTSENT);
        assertThat(recorded.effects()).containsExactly(
                new Effect.RunActivity("i1", "e1", new Instance.PendingActivity(0, "Greet", "\"Ann\"")),
                new Effect.SetTimer("i1", "e1", new Instance.PendingTimer(1, fireAt)),
                new Effect.StartChild(instance, "e1", new Instance.PendingChild(2, "c1", "Child", null)),
                new Effect.RaiseEvent("other", "Go", "1"));
        assertThat(recorded.completion()).isNull();
    }

    @Test
    void completionIsHandedBackNotRecorded() {
        CompleteOrchestrationAction complete = CompleteOrchestrationAction.newBuilder()
                .setOrchestrationStatus(OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED).setResult(StringValue.of("\"done\"")).build();

        ActionRecorder.Recorded recorded = ActionRecorder.record(instance,
                List.of(OrchestratorAction.newBuilder().setId(7).setCompleteOrchestration(complete).build()), T);

        assertThat(recorded.events()).isEmpty();
        assertThat(recorded.effects()).isEmpty();
        assertThat(recorded.completion()).isEqualTo(complete);
    }
}
