package com.doe.plan;

import com.doe.format.DatasetSchema;
import com.doe.step.StageKind;
import java.util.List;

/**
 * One stage of a plan: consecutive steps of the same kind, fused.
 *
 * @param name   the stage name used in chunk paths and stats, e.g. {@code transform-1}
 * @param kind   which function serves it
 * @param steps  indexes of the pipeline's steps in this stage, ascending
 * @param input  the schema of rows entering the stage
 * @param output the schema of rows leaving it
 * @param inputStage the stage read from (the previous stage's name; {@code ingest} for the first)
 * @param wholeRun   true when the stage runs once over every input chunk of the run (one task: an
 *                   {@code ml} stage of {@code train} steps), false when it runs once per chunk
 */
public record Stage(String name, StageKind kind, List<Integer> steps, DatasetSchema input, DatasetSchema output,
                    String inputStage, boolean wholeRun) {

    public Stage {
        steps = List.copyOf(steps);
    }

    /** A stage that runs once per chunk. */
    public Stage(String name, StageKind kind, List<Integer> steps, DatasetSchema input, DatasetSchema output,
                 String inputStage) {
        this(name, kind, steps, input, output, inputStage, false);
    }
}
