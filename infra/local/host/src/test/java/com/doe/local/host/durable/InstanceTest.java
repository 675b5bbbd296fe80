package com.doe.local.host.durable;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerCreatedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static HistoryEvent scheduled(int id, String name) {
        return HistoryEvents.event(T).setEventId(id)
                .setTaskScheduled(TaskScheduledEvent.newBuilder().setName(name).setInput(StringValue.of("\"x\""))).build();
    }

    private static HistoryEvent timer(int id) {
        return HistoryEvents.event(T).setEventId(id)
                .setTimerCreated(TimerCreatedEvent.newBuilder().setFireAt(HistoryEvents.timestamp(T.plusSeconds(5)))).build();
    }

    private static Instance instance(List<HistoryEvent> history, List<HistoryEvent> inbox) {
        OrchestrationState state = OrchestrationState.newBuilder().setInstanceId("i1").setName("Run")
                .setOrchestrationStatus(OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING).build();
        return new Instance(state, "e1", history, inbox);
    }

    @Test
    void scheduledWorkWithoutAResultIsPendingAfterARestart() {
        Instance instance = instance(
                List.of(HistoryEvents.orchestratorStarted(T), scheduled(0, "A"), scheduled(1, "B"), timer(2), timer(3),
                        HistoryEvents.orchestratorCompleted(T),
                        HistoryEvents.taskCompleted(0, "\"a\"", T), HistoryEvents.timerFired(2, HistoryEvents.timestamp(T), T)),
                List.of(HistoryEvents.taskFailed(1, HistoryEvents.failure("E", "boom"), T)));

        assertThat(instance.pendingActivities()).isEmpty();
        assertThat(instance.pendingTimers()).extracting(Instance.PendingTimer::timerId).containsExactly(3);
    }

    @Test
    void anActivityWithNoResultRunsAgain() {
        Instance instance = instance(List.of(scheduled(0, "A"), scheduled(4, "B"), HistoryEvents.taskCompleted(0, null, T)), List.of());

        assertThat(instance.pendingActivities()).containsExactly(new Instance.PendingActivity(4, "B", "\"x\""));
    }

    @Test
    void storedFormRoundTrips() {
        Instance instance = instance(List.of(scheduled(0, "A")), List.of(HistoryEvents.eventRaised("Go", "1", T)));

        Instance read = Instance.fromBytes(instance.toBytes());

        assertThat(read).isEqualTo(instance);
        assertThat(read.isTerminal()).isFalse();
    }

    @Test
    void containerNamesAreValidForAnyHubName() {
        assertThat(InstanceStore.containerName("DoeLocal")).isEqualTo("doelocal-durable");
        assertThat(InstanceStore.containerName("My_Hub!!")).isEqualTo("my-hub-durable");
        assertThat(InstanceStore.containerName("a")).isEqualTo("huba-durable");
    }

    @Test
    void onlyAListedTerminalStatusCountsAsFinished() {
        assertThat(new InstanceStore.Listed("i1", "ORCHESTRATION_STATUS_COMPLETED").finished()).isTrue();
        assertThat(new InstanceStore.Listed("i1", "ORCHESTRATION_STATUS_RUNNING").finished()).isFalse();
        assertThat(new InstanceStore.Listed("i1", "").finished()).isFalse();
        assertThat(new InstanceStore.Listed("i1", "NO_SUCH_STATUS").finished()).isFalse();
    }
}
