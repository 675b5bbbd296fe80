package com.doe.ml.train;

import com.doe.DoeException;

/**
 * A trained model missed {@code minQuality} and the step has {@code failOnLowQuality}: the run fails.
 * The model is stored (not promoted); {@link #outcome()} carries its version and metrics for the run record.
 */
public class LowQualityException extends DoeException {

    private final transient TrainOutcome outcome;

    public LowQualityException(TrainOutcome outcome) {
        super(outcome.warning() + " The step sets failOnLowQuality, so the run fails.");
        this.outcome = outcome;
    }

    public TrainOutcome outcome() {
        return outcome;
    }
}
