package com.doe.functions;

import com.doe.app.DoeServices;
import com.doe.orchestration.RunOrchestration;
import com.doe.worker.StartOutcome;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;

import java.time.Instant;
import java.util.List;

/** Blob ingest: a file landed at {@code landing/{pipelineId}/{name}} becomes a run. */
public final class IngestFunctions {

    /**
     * Hands the file to {@link com.doe.worker.RunStarter}; when the run may start, schedules
     * {@code RunOrchestrator} with instance id = run id (unless a duplicate trigger did already) and
     * publishes {@code RunStarted}. Event Grid delivers the trigger in Azure; the local host polls.
     */
    @FunctionName("IngestBlob")
    public void ingest(
            @BlobTrigger(name = "content", path = "landing/{pipelineId}/{name}", connection = "DoeStorage",
                    dataType = "binary", source = "EventGrid") byte[] content,
            @BindingName("BlobTrigger") String blobPath,
            @DurableClientInput(name = "durable") DurableClientContext durable,
            ExecutionContext context) {
        DoeServices services = DoeServices.get();
        StartOutcome outcome = services.runStarter().start(services.landedBlob(blobPath, content));
        if (outcome instanceof StartOutcome.Start start) {
            // The binding builds a client with its own gRPC channel per invocation: close it, or every call leaks one.
            try (DurableTaskClient client = durable.getClient()) {
                if (!client.getInstanceMetadata(start.runId(), false).isInstanceFound()) {
                    client.scheduleNewOrchestrationInstance(RunOrchestration.NAME, new NewOrchestrationInstanceOptions()
                            .setInstanceId(start.runId()).setInput(start.state()));
                }
            }
            services.messaging().runStarted().publish(List.of(start.runStarted(Instant.now())));
        }
        context.getLogger().info("IngestBlob " + blobPath + ": run " + outcome.runId() + " "
                + outcome.getClass().getSimpleName());
    }
}
