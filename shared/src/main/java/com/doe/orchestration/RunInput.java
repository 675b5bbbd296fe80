package com.doe.orchestration;

import java.util.List;
import java.util.Objects;

/**
 * What the ingest function hands to a run's orchestration when it starts it (instance id = run id).
 * Ingest has already written {@code ingestChunks} chunks under {@code work/{runId}/ingest/}.
 *
 * @param datasetSchemaVersion the dataset schema version pinned for the run; null when none
 * @param ingest               the ingest stage's counters (its rowsIn is the run's rows read)
 * @param stages               the stages after ingest, in order, indexed 1..n
 */
public record RunInput(String runId, String pipelineId, int pipelineVersion, Integer datasetSchemaVersion,
                       int ingestChunks, StageTotals ingest, List<StagePlan> stages, RunPolicy policy) {

    public RunInput {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(policy, "policy");
        ingest = ingest == null ? StageTotals.ZERO : ingest;
        stages = List.copyOf(stages);
        if (ingestChunks < 1) {
            throw new IllegalArgumentException("ingest writes at least one chunk: " + ingestChunks);
        }
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).index() != i + 1) {
                throw new IllegalArgumentException("stage " + stages.get(i).name() + " has index "
                        + stages.get(i).index() + ", expected " + (i + 1));
            }
        }
    }
}
