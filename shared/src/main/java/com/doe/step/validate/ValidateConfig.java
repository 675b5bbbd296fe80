package com.doe.step.validate;

import com.doe.step.RowContext;
import com.doe.step.StepConfig;
import java.util.List;

/**
 * Configuration of a {@code validate} step.
 *
 * @param onFail         what happens to a rejected row
 * @param maxRejectRatio the run fails when rows rejected by this step / rows read exceeds it; null for no limit
 * @param rules          the rules, evaluated in order; a row failing several is rejected once, listing all
 */
public record ValidateConfig(RowContext.OnFail onFail, Double maxRejectRatio, List<Rule> rules) implements StepConfig {
}
