package com.doe.step.map;

import com.doe.expr.CompiledExpression;
import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.pipeline.Problems;
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

/** {@code map}: computes fields with CEL, filters rows, renames, drops and casts fields. */
public final class MapStepType implements StepType {

    @Override
    public String name() {
        return "map";
    }

    @Override
    public StageKind stage() {
        return StageKind.TRANSFORM;
    }

    @Override
    public String doc() {
        return "Reshapes rows: filter (CEL condition), set (field -> CEL expression), cast, rename, drop, applied in "
                + "that order. Expressions see the row entering the step.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("set", SettingKind.STRING_MAP, "field -> CEL expression over row.<field>; the result type becomes the field type"),
                Setting.of("filter", SettingKind.STRING, "CEL condition; rows where it is false are filtered out"),
                Setting.of("rename", SettingKind.STRING_MAP, "old field name -> new field name"),
                Setting.of("drop", SettingKind.STRING_LIST, "fields to remove"),
                Setting.of("cast", SettingKind.STRING_MAP, "field -> type (" + FieldType.SPELLINGS + ")"));
    }

    @Override
    public BoundStep bind(SettingValues s, BindContext ctx) {
        DatasetSchema in = ctx.input();
        Map<String, FieldType> casts = new LinkedHashMap<>();
        s.stringMap("cast").forEach((field, type) -> {
            FieldType t = FieldType.parse(type).orElse(null);
            if (t == null) {
                ctx.problem(s.pointer("cast") + "/" + Problems.escape(field), ctx.describe() + ": '" + type
                        + "' is not a field type.", "Use one of: " + FieldType.SPELLINGS + ".");
            } else {
                casts.put(field, t);
            }
        });
        MapConfig config = new MapConfig(s.stringMap("set"), s.string("filter"), s.stringMap("rename"), s.strings("drop"), casts);

        CompiledExpression filter = config.filter() == null ? null : ctx.compile(config.filter(), true, s.pointer("filter"));
        Map<String, CompiledExpression> sets = new LinkedHashMap<>();
        DatasetSchema schema = in;
        for (Map.Entry<String, String> e : config.set().entrySet()) {
            String at = s.pointer("set") + "/" + Problems.escape(e.getKey());
            if (!Field.NAME.matcher(e.getKey()).matches()) {
                ctx.problem(at, ctx.describe() + ": '" + e.getKey() + "' is not a valid field name.",
                        "Use letters, digits and underscores, not starting with a digit.");
                continue;
            }
            CompiledExpression x = ctx.compile(e.getValue(), false, at);
            sets.put(e.getKey(), x);
            if (schema != null && x != null) {
                schema = schema.put(Field.of(e.getKey(), x.resultType()));
            }
        }
        if (schema != null) {
            for (Map.Entry<String, FieldType> c : casts.entrySet()) {
                if (ctx.requireField(c.getKey(), s.pointer("cast") + "/" + Problems.escape(c.getKey()), schema)) {
                    int i = schema.indexOf(c.getKey());
                    schema = schema.replace(i, schema.field(i).withType(c.getValue()));
                }
            }
            for (Map.Entry<String, String> r : config.rename().entrySet()) {
                String at = s.pointer("rename") + "/" + Problems.escape(r.getKey());
                if (!ctx.requireField(r.getKey(), at, schema)) {
                    continue;
                }
                if (!Field.NAME.matcher(r.getValue()).matches()) {
                    ctx.problem(at, ctx.describe() + ": '" + r.getValue() + "' is not a valid field name.",
                            "Use letters, digits and underscores, not starting with a digit.");
                } else if (schema.has(r.getValue()) && !r.getValue().equals(r.getKey())) {
                    ctx.problem(at, ctx.describe() + ": renaming '" + r.getKey() + "' to '" + r.getValue()
                            + "' would clash with the existing field '" + r.getValue() + "'.",
                            "Drop or rename '" + r.getValue() + "' first, or pick another name.");
                } else {
                    int i = schema.indexOf(r.getKey());
                    schema = schema.replace(i, schema.field(i).withName(r.getValue()));
                }
            }
            for (int i = 0; i < config.drop().size(); i++) {
                String f = config.drop().get(i);
                if (ctx.requireField(f, s.pointer("drop") + "/" + i, schema)) {
                    schema = schema.without(f);
                }
            }
        }
        return new Bound(config, in, schema, filter, sets);
    }

    private record Bound(MapConfig config, DatasetSchema input, DatasetSchema output, CompiledExpression filter,
                         Map<String, CompiledExpression> sets) implements BoundStep {
        @Override
        public RowStep rowStep(StepServices services) {
            return new MapRowStep(config, input, output, filter, sets);
        }
    }

    /** Names of set fields in output order, for tests of the layout. */
    static List<String> names(DatasetSchema s) {
        return new ArrayList<>(s.names());
    }
}
