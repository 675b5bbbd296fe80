package com.doe.step.ml;

import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.train.FeatureEncoder;
import com.doe.pipeline.Setting;
import com.doe.pipeline.SettingKind;
import com.doe.pipeline.SettingValues;
import com.doe.step.BindContext;
import com.doe.step.BoundStep;
import com.doe.step.StageKind;
import com.doe.step.StepType;
import java.util.List;

/**
 * {@code score}: declared and checked here; executed by the ML module. Adds {@code output.label}
 * (string) and/or {@code output.score} (double) to the rows.
 */
public final class ScoreStepType implements StepType {

    @Override
    public String name() {
        return "score";
    }

    @Override
    public StageKind stage() {
        return StageKind.ML;
    }

    @Override
    public String doc() {
        return "Adds predictions from a registry model (by version or latest) or an uploaded ONNX model.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("model", SettingKind.STRING, "registry model name (or use onnx)"),
                Setting.of("version", SettingKind.STRING, "registry version, or latest").defaultsTo("latest"),
                Setting.of("onnx", SettingKind.STRING, "blob path of an uploaded ONNX model (or use model)"),
                Setting.of("inputs", SettingKind.STRING_LIST, "onnx: fields fed to the model, in order"),
                Setting.of("output", SettingKind.OBJECT, "fields receiving predictions").mandatory().with(
                        Setting.of("label", SettingKind.STRING, "field for the predicted class"),
                        Setting.of("score", SettingKind.STRING, "field for the score or probability")));
    }

    @Override
    public BoundStep bind(SettingValues s, BindContext ctx) {
        boolean model = s.has("model");
        boolean onnx = s.has("onnx");
        if (model == onnx) {
            ctx.problem(s.pointer(), ctx.describe() + " needs exactly one of \"model\" and \"onnx\".",
                    "Name a registry model with \"model\", or an uploaded file with \"onnx\".");
        }
        if (onnx && s.strings("inputs").isEmpty()) {
            ctx.problem(s.pointer("inputs"), ctx.describe() + ": an ONNX model needs \"inputs\".",
                    "List the fields fed to the model, in the model's input order.");
        }
        for (int i = 0; i < s.strings("inputs").size(); i++) {
            String f = s.strings("inputs").get(i);
            if (ctx.requireField(f, s.pointer("inputs") + "/" + i) && ctx.schemaKnown()
                    && !FeatureEncoder.isNumeric(ctx.input().find(f).orElseThrow().type())) {
                ctx.problem(s.pointer("inputs") + "/" + i, ctx.describe() + ": ONNX input '" + f + "' is of type "
                        + ctx.input().find(f).orElseThrow().type().text() + "; ONNX models take numbers.",
                        "Feed long, double, decimal or boolean fields; convert others with a map step first.");
            }
        }
        if (onnx && !s.string("onnx").startsWith(ModelRegistry.CONTAINER + "/")) {
            ctx.problem(s.pointer("onnx"), ctx.describe() + ": ONNX path '" + s.string("onnx") + "' is not in the '"
                    + ModelRegistry.CONTAINER + "' container.", "Upload the file to the models container and write its path "
                    + "as models/<path>.onnx, e.g. models/uploads/risk.onnx.");
        }
        if (model && !ModelRegistry.NAME.matcher(s.string("model")).matches()) {
            ctx.problem(s.pointer("model"), ctx.describe() + ": model name '" + s.string("model") + "' is not valid.",
                    "Use lower-case letters, digits and '-', starting with a letter or digit.");
        }
        String version = s.string("version");
        if (version != null && !version.equals("latest") && !version.matches("[1-9][0-9]{0,8}")) {
            ctx.problem(s.pointer("version"), ctx.describe() + ": version '" + version + "' is not valid.",
                    "Use a version number (1, 2, ...) or \"latest\".");
        }
        SettingValues out = s.object("output");
        if (out.string("label") == null && out.string("score") == null) {
            ctx.problem(out.pointer(), ctx.describe() + " has no output field.", "Set output.label and/or output.score.");
        }
        DatasetSchema schema = ctx.input();
        if (schema != null) {
            for (String f : List.of("label", "score")) {
                String name = out.string(f);
                if (name != null && !Field.NAME.matcher(name).matches()) {
                    ctx.problem(out.pointer(f), ctx.describe() + ": '" + name + "' is not a valid field name.",
                            "Use letters, digits and underscores, not starting with a digit.");
                } else if (name != null) {
                    schema = schema.put(Field.of(name, f.equals("label") ? FieldType.STRING : FieldType.DOUBLE));
                }
            }
        }
        return BoundStep.declaredOnly(new MlConfig(name(), s), schema);
    }
}
