package com.doe.step.clean;

import com.doe.step.StepConfig;
import java.util.List;
import java.util.Map;

/**
 * Configuration of a {@code clean} step.
 *
 * @param trimAll   trim every string field
 * @param trim      string fields to trim when not {@code trimAll}
 * @param nullIf    string values that mean "no value" (compared after trimming)
 * @param uppercase string fields to upper-case
 * @param lowercase string fields to lower-case
 * @param defaults  values for fields that are null after the above
 * @param dedupeBy  fields whose combined value keeps only its first row in the whole run; empty for none
 */
public record CleanConfig(boolean trimAll, List<String> trim, List<String> nullIf, List<String> uppercase,
                          List<String> lowercase, Map<String, Object> defaults, List<String> dedupeBy)
        implements StepConfig {
}
