package com.doe.catalog;

import com.doe.DoeException;

/** No pipeline (or no such version of it) exists. Permanent. */
public final class PipelineNotFoundException extends DoeException {

    public PipelineNotFoundException(String message) {
        super(message);
    }

    static PipelineNotFoundException pipeline(String pipelineId) {
        return new PipelineNotFoundException("Pipeline '" + pipelineId + "' does not exist. Create it with "
                + "PUT /api/pipelines/" + pipelineId + "; GET /api/pipelines lists the existing ones.");
    }

    static PipelineNotFoundException version(String pipelineId, int version, int latest) {
        return new PipelineNotFoundException("Pipeline '" + pipelineId + "' has no version " + version
                + "; its versions are 1 to " + latest + ".");
    }
}
