package com.doe.local.host.discovery;

import com.doe.local.host.support.TestApp;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionScannerTest {

    private static final Settings SETTINGS = Settings.of(Map.of(), Map.of(
            "TestBlobContainer", "landing", "TestTopic", "stage-tasks", "TestGroup", "stages",
            "KafkaBootstrapServers", "127.0.0.1:1", "TestHub", "hub"));

    public static final class QueueFunction {
        @FunctionName("FromQueue")
        public void run(@QueueTrigger(name = "message", queueName = "q", connection = "AzureWebJobsStorage") String message) {
        }
    }

    public static final class TimerFunction {
        @FunctionName("Tick")
        public void run(@TimerTrigger(name = "timer", schedule = "0 */5 * * * *") String timer, ExecutionContext context) {
        }
    }

    public static final class Unbound {
        @FunctionName("Unbound")
        public void run(String what) {
        }
    }

    @Test
    void discoversTheTestAppFromItsAnnotationsWithSettingsResolved() throws Exception {
        try (FunctionApp app = FunctionApp.load(TestApp.folder(), SETTINGS)) {
            assertThat(app.functions()).extracting(FunctionDefinition::name).containsExactly(
                    "CountBlob", "Echo", "Fail", "Greet", "KafkaBatch", "RaiseWorkflowEvent", "Shout", "StartWorkflow",
                    "Workflow", "WorkflowStatus");
            assertThat(app.function("CountBlob").orElseThrow().trigger())
                    .isEqualTo(new Trigger.Blob("content", "landing", "{folder}/{name}", "DoeStorage", "binary"));
            Trigger.Kafka kafka = (Trigger.Kafka) app.function("KafkaBatch").orElseThrow().trigger();
            assertThat(kafka.topic()).isEqualTo("stage-tasks");
            assertThat(kafka.consumerGroup()).isEqualTo("stages");
            assertThat(kafka.brokerList()).isEqualTo("127.0.0.1:1");
            assertThat(kafka.many()).isTrue();
            assertThat(app.function("Workflow").orElseThrow().annotatedBindings())
                    .containsEntry("DurableOrchestrationTrigger", "context");
            assertThat(app.config().hubName()).isEqualTo("hub");
            assertThat(app.config().kafkaMaxBatchSize()).isEqualTo(4);
            assertThat(app.middlewares()).extracting(m -> m.getClass().getSimpleName()).contains("OrchestrationMiddleware");
            assertThat(app.function("Echo").orElseThrow().method().getDeclaringClass().getClassLoader())
                    .isNotSameAs(FunctionScannerTest.class.getClassLoader());
        }
    }

    @Test
    void unsupportedTriggersFailNamingTheFunctionAndTheFeature() throws Exception {
        FunctionScanner scanner = new FunctionScanner(SETTINGS);

        assertThatThrownBy(() -> scanner.define("FromQueue", QueueFunction.class.getMethod("run", String.class)))
                .isInstanceOf(DiscoveryException.class).hasMessageContaining("FromQueue").hasMessageContaining("@QueueTrigger");
        assertThatThrownBy(() -> scanner.define("Tick", TimerFunction.class.getMethod("run", String.class, ExecutionContext.class)))
                .isInstanceOf(DiscoveryException.class).hasMessageContaining("Tick").hasMessageContaining("@TimerTrigger");
        assertThatThrownBy(() -> scanner.define("Unbound", Unbound.class.getMethod("run", String.class)))
                .isInstanceOf(DiscoveryException.class).hasMessageContaining("no binding annotation");
    }

    @Test
    void aMissingSettingFailsNamingItAndTheFunction() {
        Settings empty = Settings.of(Map.of(), Map.of());

        assertThatThrownBy(() -> FunctionApp.load(TestApp.folder(), empty))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageMatching("(?s)function '\\w+' .* needs the setting '(TestBlobContainer|TestTopic|TestGroup|KafkaBootstrapServers)'.*");
    }
}
