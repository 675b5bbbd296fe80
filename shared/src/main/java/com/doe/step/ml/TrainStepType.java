package com.doe.step.ml;

import com.doe.pipeline.Setting;
import com.doe.pipeline.SettingKind;
import com.doe.pipeline.SettingValues;
import com.doe.step.BindContext;
import com.doe.step.BoundStep;
import com.doe.step.StageKind;
import com.doe.step.StepType;
import java.util.List;
import java.util.regex.Pattern;

/** {@code train}: declared and checked here; executed by the ML module on the whole run's rows. */
public final class TrainStepType implements StepType {

    static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @Override
    public String name() {
        return "train";
    }

    @Override
    public StageKind stage() {
        return StageKind.ML;
    }

    @Override
    public String doc() {
        return "Trains a model on the whole run's rows and stores it in the model registry; rows pass through unchanged.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("model", SettingKind.STRING, "model name in the registry").mandatory(),
                Setting.of("task", SettingKind.ENUM, "learning task").oneOf("classification", "regression", "anomaly", "clustering")
                        .mandatory(),
                Setting.of("algorithm", SettingKind.STRING, "algorithm name, e.g. logistic-regression"),
                Setting.of("features", SettingKind.OBJECT, "input fields").mandatory().with(
                        Setting.of("numeric", SettingKind.STRING_LIST, "numeric feature fields"),
                        Setting.of("categorical", SettingKind.STRING_LIST, "categorical feature fields")),
                Setting.of("target", SettingKind.STRING, "field to predict (classification and regression)"),
                Setting.of("testFraction", SettingKind.NUMBER, "share of rows held out for metrics").defaultsTo(0.2).between(0, 0.9),
                Setting.of("seed", SettingKind.INTEGER, "random seed for a reproducible split").defaultsTo(42),
                Setting.of("minQuality", SettingKind.NUMBER_MAP, "metric -> minimum for promotion, e.g. {\"accuracy\": 0.8}"),
                Setting.of("failOnLowQuality", SettingKind.BOOLEAN, "fail the run instead of warning when minQuality is not met")
                        .defaultsTo(false));
    }

    @Override
    public BoundStep bind(SettingValues s, BindContext ctx) {
        String model = s.string("model");
        if (model != null && !MODEL_NAME.matcher(model).matches()) {
            ctx.problem(s.pointer("model"), ctx.describe() + ": model name '" + model + "' is not valid.",
                    "Use lower-case letters, digits and '-', starting with a letter or digit.");
        }
        SettingValues features = s.object("features");
        if (features.strings("numeric").isEmpty() && features.strings("categorical").isEmpty()) {
            ctx.problem(features.pointer(), ctx.describe() + " has no features.", "List fields under features.numeric and/or features.categorical.");
        }
        features.strings("numeric").forEach(f -> ctx.requireField(f, features.pointer("numeric")));
        features.strings("categorical").forEach(f -> ctx.requireField(f, features.pointer("categorical")));
        String task = s.string("task");
        if (("classification".equals(task) || "regression".equals(task)) && s.string("target") == null) {
            ctx.problem(s.pointer("target"), ctx.describe() + ": a " + task + " model needs \"target\".",
                    "Add \"target\": the field to predict.");
        }
        if (s.string("target") != null) {
            ctx.requireField(s.string("target"), s.pointer("target"));
        }
        return BoundStep.declaredOnly(new MlConfig(name(), s), ctx.input());
    }
}
