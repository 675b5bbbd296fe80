package com.doe.step.ml;

import com.doe.pipeline.SettingValues;
import com.doe.step.StepConfig;

/**
 * Configuration of an ML step ({@code train}, {@code score}) as checked here; the ML module reads its
 * typed settings from {@link #settings()}.
 */
public record MlConfig(String type, SettingValues settings) implements StepConfig {
}
