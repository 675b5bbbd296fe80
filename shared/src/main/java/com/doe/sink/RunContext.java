package com.doe.sink;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The run a load stage writes for.
 *
 * @param pipelineId the pipeline
 * @param runId      the run
 * @param runDate    the UTC date the run started (from {@code RunStarted.occurredAt}), never the date of the
 *                   delivery: a chunk re-delivered on a later day must land in the same place
 */
public record RunContext(String pipelineId, String runId, LocalDate runDate) {

    public RunContext {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(runDate, "runDate");
    }
}
