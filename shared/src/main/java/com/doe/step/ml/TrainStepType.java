package com.doe.step.ml;

import com.doe.format.FieldType;
import com.doe.ml.Algorithm;
import com.doe.ml.Task;
import com.doe.ml.train.FeatureEncoder;
import com.doe.ml.train.ModelMetrics;
import com.doe.pipeline.Problems;
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
                        .defaultsTo(false),
                Setting.of("epochs", SettingKind.INTEGER, "linear models: SGD passes over the training rows").defaultsTo(10).between(1, 1000),
                Setting.of("trees", SettingKind.INTEGER, "random-forest: number of trees").defaultsTo(50).between(1, 1000),
                Setting.of("maxDepth", SettingKind.INTEGER, "random-forest: maximum tree depth").defaultsTo(10).between(1, 64),
                Setting.of("clusters", SettingKind.INTEGER, "k-means: number of clusters").defaultsTo(3).between(2, 1000),
                Setting.of("nu", SettingKind.NUMBER, "one-class-svm: upper bound on the share of training rows treated as outliers")
                        .defaultsTo(0.05).between(0.001, 1));
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
        if (s.string("target") != null && ctx.requireField(s.string("target"), s.pointer("target")) && ctx.schemaKnown()) {
            FieldType t = ctx.input().find(s.string("target")).orElseThrow().type();
            if ("regression".equals(task) && !FeatureEncoder.isNumeric(t)) {
                ctx.problem(s.pointer("target"), ctx.describe() + ": regression target '" + s.string("target") + "' is of type "
                        + t.text() + ".", "Predict a long, double or decimal field, or use task classification.");
            }
            if ("anomaly".equals(task) && t != FieldType.BOOLEAN) {
                ctx.problem(s.pointer("target"), ctx.describe() + ": an anomaly target must be boolean (true = anomalous), not "
                        + t.text() + ".", "Derive a boolean field with a map step, or leave target out.");
            }
        }
        if (ctx.schemaKnown()) {
            for (int i = 0; i < features.strings("numeric").size(); i++) {
                String f = features.strings("numeric").get(i);
                if (ctx.input().has(f) && !FeatureEncoder.isNumeric(ctx.input().find(f).orElseThrow().type())) {
                    ctx.problem(features.pointer("numeric") + "/" + i, ctx.describe() + ": numeric feature '" + f + "' is of type "
                            + ctx.input().find(f).orElseThrow().type().text() + ".",
                            "List it under features.categorical, or cast it to a number with a map step.");
                }
            }
        }
        if (task != null) {
            Task t = Task.parse(task);
            String algorithm = s.string("algorithm");
            if (algorithm != null && Algorithm.find(t, algorithm).isEmpty()) {
                ctx.problem(s.pointer("algorithm"), ctx.describe() + ": unknown algorithm '" + algorithm + "' for " + task + ".",
                        "Use one of " + Algorithm.names(t) + Problems.suggest(algorithm, Algorithm.names(t)) + ".");
            }
            List<String> metrics = ModelMetrics.names(t);
            for (String m : s.scalarMap("minQuality").keySet()) {
                if (!metrics.contains(m)) {
                    ctx.problem(s.pointer("minQuality") + "/" + Problems.escape(m), ctx.describe() + ": '" + m
                            + "' is not a " + task + " metric.", "Use one of " + metrics + " (rmse and mae are ceilings).");
                }
            }
        }
        return BoundStep.declaredOnly(new MlConfig(name(), s), ctx.input());
    }
}
