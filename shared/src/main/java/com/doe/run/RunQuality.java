package com.doe.run;

import com.doe.stats.FieldProfile;

import java.util.List;
import java.util.Map;

/**
 * Data quality of a run.
 *
 * @param ruleFailures rows failing each rule id (warnings included), over the whole run
 * @param fields       per-field profile of the rows read: nulls, min/max, approximate distinct count
 */
public record RunQuality(Map<String, Long> ruleFailures, List<FieldProfile> fields) {

    public static final RunQuality NONE = new RunQuality(Map.of(), List.of());

    public RunQuality {
        ruleFailures = Map.copyOf(ruleFailures);
        fields = List.copyOf(fields);
    }
}
