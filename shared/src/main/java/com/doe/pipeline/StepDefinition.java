package com.doe.pipeline;

import com.doe.step.StageKind;
import com.doe.step.StepConfig;

/**
 * One step of a definition.
 *
 * @param index  position in {@code steps}
 * @param id     the step id, unique in the pipeline
 * @param type   the step type name
 * @param stage  the kind of stage it runs in
 * @param config the typed configuration
 */
public record StepDefinition(int index, String id, String type, StageKind stage, StepConfig config) {
}
