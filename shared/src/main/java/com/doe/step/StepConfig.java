package com.doe.step;

/** Marker for the typed, immutable configuration record of a step type. */
public interface StepConfig {
}
