package com.doe.stats;

import com.doe.DoeException;

/**
 * The run fails because of its data, as the pipeline asks: a step with {@code onFail: fail} rejected
 * a row, or a step's {@code maxRejectRatio} was exceeded. Permanent: running the same data again
 * gives the same answer, so the orchestrator fails the run at once instead of retrying. The message
 * names the pipeline, the step and the numbers, and says what to change.
 */
public class RunRejectedException extends DoeException {

    private final String stepId;

    public RunRejectedException(String stepId, String message) {
        super(message);
        this.stepId = stepId;
    }

    /** The step whose setting failed the run. */
    public String stepId() {
        return stepId;
    }
}
