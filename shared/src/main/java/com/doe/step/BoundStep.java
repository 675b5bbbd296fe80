package com.doe.step;

import com.doe.DoeException;
import com.doe.format.DatasetSchema;

/**
 * A step configured and checked against its input schema: its config, its output schema and, for
 * transform steps, the executable row step with expressions compiled once.
 */
public interface BoundStep {

    StepConfig config();

    /** The schema of the rows this step emits; null when the input schema is not known yet. */
    DatasetSchema output();

    /**
     * The executable form for a transform stage.
     *
     * @throws DoeException for steps executed by other modules (ML and sinks)
     */
    default RowStep rowStep(StepServices services) {
        throw new DoeException("Step type of " + config().getClass().getSimpleName()
                + " is not a row-wise transform step; its stage is executed by its own module.");
    }

    /** A bound step that is declared and checked here and executed elsewhere (ML, sinks). */
    static BoundStep declaredOnly(StepConfig config, DatasetSchema output) {
        return new BoundStep() {
            @Override
            public StepConfig config() {
                return config;
            }

            @Override
            public DatasetSchema output() {
                return output;
            }
        };
    }
}
