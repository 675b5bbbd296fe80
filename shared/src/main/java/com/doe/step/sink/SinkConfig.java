package com.doe.step.sink;

import com.doe.pipeline.SettingValues;
import com.doe.step.StepConfig;

/**
 * Configuration of a sink step ({@code neo4j}, {@code cosmos}, {@code blob}, {@code kafka}) as checked
 * here. The sink modules read their typed settings from {@link #settings()}; sinks pass records through
 * unchanged, so several sinks can follow one another.
 *
 * @param type     the step type
 * @param settings the checked settings
 */
public record SinkConfig(String type, SettingValues settings) implements StepConfig {
}
