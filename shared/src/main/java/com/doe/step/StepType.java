package com.doe.step;

import com.doe.pipeline.Setting;
import com.doe.pipeline.SettingValues;
import java.util.List;

/**
 * A kind of step, registered in the {@link StepCatalogue} by its type name. It declares its settings
 * once; the validator, the JSON Schema of definitions and the reference docs come from the
 * declarations. Implementations are stateless and thread-safe.
 */
public interface StepType {

    /** The {@code type} value in definitions, e.g. {@code clean}. */
    String name();

    StageKind stage();

    /** One or two sentences for the reference docs and the JSON Schema. */
    String doc();

    /** Every setting besides {@code id} and {@code type}. */
    List<Setting> settings();

    /**
     * Builds the step's configuration from settings that already passed the declaration checks,
     * checks it against the rows it will receive ({@link BindContext#input()}), and reports every
     * problem to the context. Always returns a bound step, with a best-effort output schema even
     * when problems were found, so later steps can still be checked.
     */
    BoundStep bind(SettingValues settings, BindContext context);
}
