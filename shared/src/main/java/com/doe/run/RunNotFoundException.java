package com.doe.run;

import com.doe.DoeException;

/** No run has this id. Permanent. */
public final class RunNotFoundException extends DoeException {

    public RunNotFoundException(String runId) {
        super("Run '" + runId + "' does not exist. GET /api/runs lists runs, newest first (filter with ?pipelineId=).");
    }
}
