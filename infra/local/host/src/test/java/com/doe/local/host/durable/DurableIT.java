package com.doe.local.host.durable;

import com.doe.local.host.HostOptions;
import com.doe.local.host.LocalHost;
import com.doe.local.host.discovery.Settings;
import com.doe.local.host.support.Eventually;
import com.doe.local.host.support.HttpCalls;
import com.doe.local.host.support.TestApp;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.DurableTaskGrpcClientBuilder;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Durable Functions through the real host: the orchestrator replayed by the SDK's runner over a
 * history in Azurite, activities, a durable timer, an external event that arrives early, the
 * durable client binding, a host restart in the middle of an orchestration, and starting an instance
 * with the id of a finished one (replaced, as in Azure) or of a running one (refused).
 */
class DurableIT {

    private Settings settings;
    private String hostId;
    private LocalHost host;

    @BeforeEach
    void start() throws Exception {
        settings = TestApp.settings(Map.of());
        hostId = TestApp.unique("host");
        host = startHost();
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private LocalHost startHost() throws Exception {
        return LocalHost.start(new HostOptions(TestApp.folder(), "127.0.0.1", 0, 0, Duration.ofSeconds(1), hostId), settings);
    }

    @Test
    void orchestrationCompletesWithActivitiesTimerAndAnEarlyEvent() throws Exception {
        String id = TestApp.unique("run");

        assertThat(HttpCalls.post(host.httpPort(), "/api/workflows/" + id, "Ann").statusCode()).isEqualTo(202);
        // Raised before the orchestrator waits for it (it is still in its first activity or timer): buffered.
        assertThat(HttpCalls.post(host.httpPort(), "/api/workflows/" + id + "/events/Approval", "ok").statusCode())
                .isEqualTo(202);

        OrchestrationMetadata done = client().waitForInstanceCompletion(id, Duration.ofSeconds(30), true);
        assertThat(done.getRuntimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
        // Shout's String parameter gets the input's JSON text, quotes included, as in Azure.
        assertThat(done.readOutputAs(String.class)).isEqualTo("Hello Ann / \"OK\"");
        assertThat(done.readCustomStatusAs(String.class)).isEqualTo("done");
        assertThat(Duration.between(done.getCreatedAt(), done.getLastUpdatedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        JsonObject status = JsonParser.parseString(HttpCalls.get(host.httpPort(), "/api/workflows/" + id).body()).getAsJsonObject();
        assertThat(status.get("status").getAsString()).isEqualTo("COMPLETED");
        assertThat(status.get("output").getAsString()).isEqualTo("Hello Ann / \"OK\"");
    }

    @Test
    void hostRestartMidOrchestrationResumesIt() throws Exception {
        String id = TestApp.unique("run");
        HttpCalls.post(host.httpPort(), "/api/workflows/" + id, "Bob");
        Eventually.await(Duration.ofSeconds(20), "the orchestration to wait for its event",
                () -> statusOf(host, id), s -> s.contains("\"waiting\""));

        host.close();
        host = startHost();

        assertThat(statusOf(host, id)).contains("RUNNING").contains("\"waiting\"");
        HttpCalls.post(host.httpPort(), "/api/workflows/" + id + "/events/Approval", "yes");
        OrchestrationMetadata done = client().waitForInstanceCompletion(id, Duration.ofSeconds(30), true);
        assertThat(done.getRuntimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
        assertThat(done.readOutputAs(String.class)).isEqualTo("Hello Bob / \"YES\"");
    }

    @Test
    void clientTerminatesAndPurgesAndRejectsADuplicateStart() throws Exception {
        String id = TestApp.unique("run");
        DurableTaskClient client = client();
        client.scheduleNewOrchestrationInstance("Workflow",
                new NewOrchestrationInstanceOptions().setInput("Cy").setInstanceId(id));
        client.waitForInstanceStart(id, Duration.ofSeconds(10));

        assertThat(HttpCalls.post(host.httpPort(), "/api/workflows/" + id, "again").statusCode()).isEqualTo(500);
        client.terminate(id, "stopped by test");
        OrchestrationMetadata terminated = client.waitForInstanceCompletion(id, Duration.ofSeconds(10), true);
        assertThat(terminated.getRuntimeStatus()).isEqualTo(OrchestrationRuntimeStatus.TERMINATED);
        assertThat(terminated.readOutputAs(String.class)).isEqualTo("stopped by test");

        assertThat(client.purgeInstance(id).getDeletedInstanceCount()).isEqualTo(1);
        assertThat(client.getInstanceMetadata(id, false).isInstanceFound()).isFalse();
        assertThat(HttpCalls.get(host.httpPort(), "/api/workflows/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void startingAnInstanceWithTheIdOfAFinishedOneReplacesItAndARunningOneIsRefused() throws Exception {
        String id = TestApp.unique("run");
        DurableTaskClient client = client();
        client.scheduleNewOrchestrationInstance("Workflow", new NewOrchestrationInstanceOptions().setInput("Dee").setInstanceId(id));
        client.waitForInstanceStart(id, Duration.ofSeconds(10));

        // As Durable Functions with its default overridableExistingInstanceStates (NonRunningStates).
        assertThatThrownBy(() -> client.scheduleNewOrchestrationInstance("Workflow",
                new NewOrchestrationInstanceOptions().setInput("Eve").setInstanceId(id)))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("ALREADY_EXISTS");
        client.raiseEvent(id, "Approval", "first");
        OrchestrationMetadata first = client.waitForInstanceCompletion(id, Duration.ofSeconds(30), true);
        assertThat(first.readOutputAs(String.class)).isEqualTo("Hello Dee / \"FIRST\"");

        client.scheduleNewOrchestrationInstance("Workflow", new NewOrchestrationInstanceOptions().setInput("Eve").setInstanceId(id));

        OrchestrationMetadata waiting = Eventually.await(Duration.ofSeconds(20), "the new instance to wait for its event",
                () -> client.getInstanceMetadata(id, true), m -> "waiting".equals(m.readCustomStatusAs(String.class)));
        assertThat(waiting.getRuntimeStatus()).as("a new history: the first instance's event is not replayed")
                .isEqualTo(OrchestrationRuntimeStatus.RUNNING);
        assertThat(waiting.readInputAs(String.class)).isEqualTo("Eve");
        assertThat(waiting.getSerializedOutput()).as("the first output is gone").isNullOrEmpty();
        assertThat(waiting.getCreatedAt()).isAfter(first.getCreatedAt());
        client.raiseEvent(id, "Approval", "second");
        OrchestrationMetadata second = client.waitForInstanceCompletion(id, Duration.ofSeconds(30), true);
        assertThat(second.getRuntimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
        assertThat(second.readOutputAs(String.class)).isEqualTo("Hello Eve / \"SECOND\"");
    }

    private DurableTaskClient client() {
        return new DurableTaskGrpcClientBuilder().port(host.durablePort()).build();
    }

    private static String statusOf(LocalHost host, String id) {
        return HttpCalls.get(host.httpPort(), "/api/workflows/" + id).body();
    }
}
