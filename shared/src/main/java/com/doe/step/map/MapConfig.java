package com.doe.step.map;

import com.doe.format.FieldType;
import com.doe.step.StepConfig;
import java.util.List;
import java.util.Map;

/**
 * Configuration of a {@code map} step. Applied in this order: {@code filter} (on the input row),
 * {@code set} (every expression sees the input row), {@code cast}, {@code rename}, {@code drop}.
 *
 * @param set    new or replaced field -> CEL expression; the field's type is the expression's type
 * @param filter CEL condition; rows where it is false leave as filtered; null for none
 * @param rename old name -> new name
 * @param drop   fields removed
 * @param cast   field -> new type (lossless conversions only; others reject the row)
 */
public record MapConfig(Map<String, String> set, String filter, Map<String, String> rename, List<String> drop,
                        Map<String, FieldType> cast) implements StepConfig {
}
