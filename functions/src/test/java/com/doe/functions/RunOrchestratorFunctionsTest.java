package com.doe.functions;

import com.doe.orchestration.RecordProgress;
import com.doe.orchestration.RunInput;
import com.doe.orchestration.RunPolicy;
import com.doe.orchestration.RunState;
import com.doe.orchestration.StagePlan;
import com.doe.orchestration.StageTotals;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.OrchestrationRunner;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The orchestrator function as the durable middleware calls it: with the replay's context, from a base64 request. */
class RunOrchestratorFunctionsTest {

    @Test
    void firstEpisodeOfARunRecordsProgressFirst() throws Exception {
        RunInput input = new RunInput("p-1", "p", 1, 3, 2, new StageTotals(5, 4, 1, 0, 10, Map.of("ingest", 1L), Map.of()),
                List.of(new StagePlan(1, "transform-1", "transform", List.of("tidy"), "ingest", false)),
                new RunPolicy(3, 60_000, 5_000, 300_000, Map.of()));
        String json = new JacksonDataConverter().serialize(RunState.start(input));
        Timestamp now = Timestamp.newBuilder().setSeconds(1_700_000_000).build();
        OrchestratorRequest request = OrchestratorRequest.newBuilder().setInstanceId("p-1")
                .addNewEvents(HistoryEvent.newBuilder().setEventId(-1).setTimestamp(now)
                        .setOrchestratorStarted(OrchestratorStartedEvent.getDefaultInstance()))
                .addNewEvents(HistoryEvent.newBuilder().setEventId(-1).setTimestamp(now)
                        .setExecutionStarted(ExecutionStartedEvent.newBuilder().setName("RunOrchestrator")
                                .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId("p-1"))
                                .setInput(StringValue.of(json))))
                .build();

        RunOrchestratorFunctions functions = new RunOrchestratorFunctions();
        String answer = OrchestrationRunner.loadAndRun(Base64.getEncoder().encodeToString(request.toByteArray()),
                functions::runOrchestrator);
        OrchestratorResponse response = OrchestratorResponse.parseFrom(Base64.getDecoder().decode(answer));

        assertThat(response.getActionsList()).as(response.toString()).hasSize(1);
        assertThat(response.getActions(0).getScheduleTask().getName()).isEqualTo(RecordProgress.NAME);
    }
}
