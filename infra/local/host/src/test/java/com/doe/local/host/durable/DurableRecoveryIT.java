package com.doe.local.host.durable;

import com.doe.local.host.HostOptions;
import com.doe.local.host.LocalHost;
import com.doe.local.host.blob.StorageAccounts;
import com.doe.local.host.discovery.Settings;
import com.doe.local.host.support.Eventually;
import com.doe.local.host.support.HttpCalls;
import com.doe.local.host.support.TestApp;
import com.google.protobuf.StringValue;
import com.microsoft.durabletask.DurableTaskGrpcClientBuilder;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a host that stopped at the worst moment leaves in the task hub, and how the next host
 * resumes from it. The backend keeps an activity's result in memory until the orchestrator's next
 * episode stores it with the history; a host that stops in between leaves a stored history in
 * which the activity is scheduled without a result, and the next host must run it again.
 */
class DurableRecoveryIT {

    @Test
    void anActivityScheduledWithoutAStoredResultRunsAgainAfterARestart() throws Exception {
        String hub = TestApp.unique("hub");
        Settings settings = TestApp.settings(Map.of("TestHub", hub));
        String id = TestApp.unique("run");
        Instant at = Instant.now();
        OrchestrationState state = OrchestrationState.newBuilder().setInstanceId(id).setName("Workflow")
                .setOrchestrationStatus(OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING)
                .setCreatedTimestamp(HistoryEvents.timestamp(at)).setLastUpdatedTimestamp(HistoryEvents.timestamp(at))
                .setInput(StringValue.of("\"Dee\"")).build();
        List<HistoryEvent> history = List.of(
                HistoryEvents.orchestratorStarted(at),
                HistoryEvents.executionStarted("Workflow", id, "e1", "\"Dee\"", null, at),
                HistoryEvents.event(at).setEventId(0).setTaskScheduled(TaskScheduledEvent.newBuilder().setName("Greet")
                        .setInput(StringValue.of("{\"name\":\"Dee\"}"))).build(),
                HistoryEvents.orchestratorCompleted(at));
        new InstanceStore(new StorageAccounts(settings).client("AzureWebJobsStorage"), hub)
                .write(new Instance(state, "e1", history, List.of()));

        try (LocalHost host = LocalHost.start(new HostOptions(TestApp.folder(), "127.0.0.1", 0, 0, Duration.ofSeconds(1),
                TestApp.unique("host")), settings)) {
            Eventually.await(Duration.ofSeconds(20), "the resumed orchestration to wait for its event",
                    () -> HttpCalls.get(host.httpPort(), "/api/workflows/" + id).body(), s -> s.contains("\"waiting\""));
            HttpCalls.post(host.httpPort(), "/api/workflows/" + id + "/events/Approval", "yes");

            OrchestrationMetadata done = new DurableTaskGrpcClientBuilder().port(host.durablePort()).build()
                    .waitForInstanceCompletion(id, Duration.ofSeconds(30), true);
            assertThat(done.getRuntimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
            assertThat(done.readOutputAs(String.class)).isEqualTo("Hello Dee / \"YES\"");
        }
    }
}
