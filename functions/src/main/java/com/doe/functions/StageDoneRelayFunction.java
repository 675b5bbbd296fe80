package com.doe.functions;

import com.doe.app.DoeServices;
import com.doe.kafka.KafkaBatch;
import com.doe.orchestration.StageDoneRelay;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.KafkaTrigger;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;

import java.util.List;

/**
 * Relays {@code StageDone} answers ({@code doe.stage-done}) to the runs' orchestrations: records
 * each answer ({@link com.doe.orchestration.StageDoneBatch}) and raises the stage's event when the
 * attempt is complete. A run whose orchestration has finished (cancelled, failed) gets no event.
 */
public final class StageDoneRelayFunction {

    private static final String TOPIC = "doe.stage-done";

    @FunctionName("StageDoneRelay")
    public void relay(
            @KafkaTrigger(name = "answers", topic = TOPIC, brokerList = "%KafkaBootstrapServers%",
                    consumerGroup = "doe-stage-done-relay", cardinality = Cardinality.MANY,
                    dataType = "binary") byte[][] answers,
            @BindingName("PartitionArray") int[] partitions,
            @BindingName("OffsetArray") long[] offsets,
            @DurableClientInput(name = "durable") DurableClientContext durable,
            ExecutionContext context) {
        List<StageDoneRelay.Raise> raises = DoeServices.get().stageDoneBatch()
                .run(new KafkaBatch(TOPIC, answers, partitions, offsets));
        if (raises.isEmpty()) {
            return;
        }
        // The binding builds a client with its own gRPC channel per invocation: close it, or every call leaks one.
        try (DurableTaskClient client = durable.getClient()) {
            for (StageDoneRelay.Raise raise : raises) {
                OrchestrationMetadata instance = client.getInstanceMetadata(raise.runId(), false);
                if (!instance.isInstanceFound() || instance.isCompleted()) {
                    context.getLogger().info("Run " + raise.runId() + " is not running; " + raise.eventName() + " dropped");
                    continue;
                }
                client.raiseEvent(raise.runId(), raise.eventName(), raise.signal());
            }
        }
    }
}
