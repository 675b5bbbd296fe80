package com.doe.functions;

import com.doe.app.DoeServices;
import com.doe.orchestration.DispatchStageTasks;
import com.doe.orchestration.FinishRun;
import com.doe.orchestration.InspectStage;
import com.doe.orchestration.RecordProgress;
import com.doe.orchestration.RunOrchestration;
import com.doe.orchestration.RunResult;
import com.doe.orchestration.RunSnapshot;
import com.doe.orchestration.StageReport;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;

/**
 * The durable run: {@code RunOrchestrator} runs {@link RunOrchestration}, and its four activities
 * call the shared activity classes.
 *
 * <p>Activity inputs are taken as the input's JSON text (what the Java worker passes to a
 * {@code String} parameter) and read with the durabletask SDK's own converter, the one that wrote
 * them, so the records round-trip exactly. Outputs are small records of primitives, which the
 * worker's JSON mapping writes and the SDK's converter reads back.
 */
public final class RunOrchestratorFunctions {

    private static final DataConverter JSON = new JacksonDataConverter();
    private static final RunOrchestration ORCHESTRATION = new RunOrchestration();

    /**
     * The app's durable middleware replays the history with {@code OrchestrationRunner.loadAndRun},
     * calls this method with the replay's context and completes the instance with the returned value,
     * so the orchestration must not complete it itself ({@link RunOrchestration#execute}).
     */
    @FunctionName(RunOrchestration.NAME)
    public RunResult runOrchestrator(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        return ORCHESTRATION.execute(context);
    }

    @FunctionName(DispatchStageTasks.NAME)
    public int dispatchStageTasks(@DurableActivityTrigger(name = "request") String request) {
        return DoeServices.get().dispatchStageTasks().run(JSON.deserialize(request, DispatchStageTasks.Request.class));
    }

    @FunctionName(InspectStage.NAME)
    public StageReport inspectStage(@DurableActivityTrigger(name = "request") String request) {
        return DoeServices.get().inspectStage().run(JSON.deserialize(request, InspectStage.Request.class));
    }

    @FunctionName(RecordProgress.NAME)
    public void recordProgress(@DurableActivityTrigger(name = "snapshot") String snapshot) {
        DoeServices.get().recordProgress().run(JSON.deserialize(snapshot, RunSnapshot.class));
    }

    /** Returns nothing: the orchestration does not read the stored record, and the run record API serves it. */
    @FunctionName(FinishRun.NAME)
    public void finishRun(@DurableActivityTrigger(name = "request") String request) {
        DoeServices.get().finishRun().run(JSON.deserialize(request, FinishRun.Request.class));
    }
}
