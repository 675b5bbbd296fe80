package com.doe.catalog;

import com.doe.DoeException;

/** Files for a disabled pipeline are refused. Permanent until the pipeline is saved again. */
public final class PipelineDisabledException extends DoeException {

    public PipelineDisabledException(String pipelineId) {
        super("Pipeline '" + pipelineId + "' is disabled (DELETE /api/pipelines/" + pipelineId + "), so new files "
                + "are not processed. Save a definition again with PUT /api/pipelines/" + pipelineId
                + " to enable it.");
    }
}
