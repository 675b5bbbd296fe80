package com.doe.worker;

import com.doe.event.avro.RunStarted;
import com.doe.orchestration.RunInput;
import com.doe.orchestration.RunState;
import com.doe.run.RunRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** What {@link RunStarter} did with a landed file. */
public sealed interface StartOutcome {

    /** The run's id, deterministic from pipeline, blob name and ETag. */
    default String runId() {
        return record().runId();
    }

    /** The run record as stored. */
    RunRecord record();

    /**
     * The file is ingested and the run waits for its orchestration: schedule {@code RunOrchestrator}
     * with instance id {@link #runId()} and input {@link #state()} unless that instance exists already
     * (a duplicate trigger that came before the orchestration moved the run past {@code Pending}),
     * then publish {@link #runStarted}.
     */
    record Start(RunRecord record, RunState state, String trigger) implements StartOutcome {

        /** The {@code RunStarted} event; its id is derived from the run id, so a republished event is dropped by consumers. */
        public RunStarted runStarted(Instant at) {
            RunInput input = state.input();
            return RunStarted.newBuilder()
                    .setEventId(UUID.nameUUIDFromBytes(("started/" + input.runId()).getBytes(StandardCharsets.UTF_8)).toString())
                    .setRunId(input.runId())
                    .setOccurredAt(at)
                    .setPipelineId(input.pipelineId())
                    .setPipelineVersion(input.pipelineVersion())
                    .setDatasetSchemaVersion(input.datasetSchemaVersion())
                    .setTrigger(trigger)
                    .setStageCount(input.stages().size())
                    .build();
        }
    }

    /** A duplicate trigger of a run that has moved past {@code Pending}: nothing to schedule or publish. */
    record AlreadyStarted(RunRecord record) implements StartOutcome {
    }

    /**
     * The file cannot run (unknown or disabled pipeline, or a file that cannot be read as the
     * pipeline's format): the run is recorded as {@code Failed} with the reason, and the file is
     * copied to {@code rejectedCopy}.
     */
    record Refused(RunRecord record, String reason, String rejectedCopy) implements StartOutcome {
    }
}
