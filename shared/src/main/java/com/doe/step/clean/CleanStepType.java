package com.doe.step.clean;

import com.doe.format.Coercion;
import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.format.InvalidValue;
import com.doe.pipeline.Setting;
import com.doe.pipeline.SettingKind;
import com.doe.pipeline.SettingValues;
import com.doe.step.BindContext;
import com.doe.step.BoundStep;
import com.doe.step.RowStep;
import com.doe.step.StageKind;
import com.doe.step.StepServices;
import com.doe.step.StepType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code clean}: trims, nulls placeholder values, changes case, fills defaults, removes duplicates run-wide. */
public final class CleanStepType implements StepType {

    @Override
    public String name() {
        return "clean";
    }

    @Override
    public StageKind stage() {
        return StageKind.TRANSFORM;
    }

    @Override
    public String doc() {
        return "Tidies values: trim, nullIf, uppercase, lowercase, defaults (in that order), then dedupeBy keeps "
                + "the first row of each key across the whole run (later ones are counted as filtered).";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("trim", SettingKind.BOOLEAN_OR_STRING_LIST,
                        "true trims every string field; a list trims only those fields").defaultsTo(false),
                Setting.of("nullIf", SettingKind.STRING_LIST, "string values replaced by null, e.g. [\"\", \"NA\"]"),
                Setting.of("uppercase", SettingKind.STRING_LIST, "string fields to upper-case"),
                Setting.of("lowercase", SettingKind.STRING_LIST, "string fields to lower-case"),
                Setting.of("defaults", SettingKind.SCALAR_MAP, "field -> value used when the field is null"),
                Setting.of("dedupeBy", SettingKind.STRING_LIST,
                        "fields whose combined value keeps only its first row in the whole run"));
    }

    @Override
    public BoundStep bind(SettingValues s, BindContext ctx) {
        boolean trimAll = s.node("trim") != null && s.node("trim").isBoolean() && s.bool("trim");
        List<String> trim = s.node("trim") != null && s.node("trim").isArray() ? s.strings("trim") : List.of();
        CleanConfig config = new CleanConfig(trimAll, trim, s.strings("nullIf"), s.strings("uppercase"),
                s.strings("lowercase"), s.scalarMap("defaults"), s.strings("dedupeBy"));
        DatasetSchema in = ctx.input();
        Map<String, Object> typedDefaults = new LinkedHashMap<>();
        if (in != null) {
            stringFields(ctx, s, "trim", trim, in);
            stringFields(ctx, s, "uppercase", config.uppercase(), in);
            stringFields(ctx, s, "lowercase", config.lowercase(), in);
            for (int i = 0; i < config.dedupeBy().size(); i++) {
                ctx.requireField(config.dedupeBy().get(i), s.pointer("dedupeBy") + "/" + i);
            }
            config.defaults().forEach((field, value) -> {
                String at = s.pointer("defaults") + "/" + com.doe.pipeline.Problems.escape(field);
                if (ctx.requireField(field, at)) {
                    Object v = Coercion.forField(in.find(field).orElseThrow()).apply(value);
                    if (v instanceof InvalidValue bad) {
                        ctx.problem(at, ctx.describe() + ": default for '" + field + "' does not fit its type: "
                                + bad.reason() + ".", "Give a default of type " + in.find(field).get().type().text() + ".");
                    } else {
                        typedDefaults.put(field, v);
                    }
                }
            });
        }
        DatasetSchema out = in == null ? null : output(in, config);
        return new Bound(config, in, out, typedDefaults, ctx.stepId());
    }

    private static void stringFields(BindContext ctx, SettingValues s, String setting, List<String> fields, DatasetSchema in) {
        for (int i = 0; i < fields.size(); i++) {
            String at = s.pointer(setting) + "/" + i;
            String f = fields.get(i);
            if (ctx.requireField(f, at) && in.find(f).get().type() != FieldType.STRING) {
                ctx.problem(at, ctx.describe() + ": '" + setting + "' applies to string fields, but '" + f + "' is "
                        + in.find(f).get().type().text() + ".", "Remove '" + f + "' from " + setting + ".");
            }
        }
    }

    /** nullIf may turn string values into null: those fields become nullable unless a default refills them. */
    private static DatasetSchema output(DatasetSchema in, CleanConfig c) {
        if (c.nullIf().isEmpty()) {
            return in;
        }
        List<Field> fields = new ArrayList<>();
        for (Field f : in.fields()) {
            fields.add(f.type() == FieldType.STRING && !c.defaults().containsKey(f.name()) ? f.nullable() : f);
        }
        return new DatasetSchema(fields);
    }

    private record Bound(CleanConfig config, DatasetSchema input, DatasetSchema output, Map<String, Object> defaults,
                         String stepId) implements BoundStep {
        @Override
        public RowStep rowStep(StepServices services) {
            return new CleanRowStep(stepId, config, input, defaults);
        }
    }
}
