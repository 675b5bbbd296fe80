package com.doe.step.validate;

import com.doe.expr.CompiledExpression;
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
import com.doe.step.RowContext;
import com.doe.step.RowStep;
import com.doe.step.StageKind;
import com.doe.step.StepServices;
import com.doe.step.StepType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code validate}: data-quality rules; failing rows are quarantined with every failed rule. */
public final class ValidateStepType implements StepType {

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public StageKind stage() {
        return StageKind.TRANSFORM;
    }

    @Override
    public String doc() {
        return "Checks rows against rules (required, range, regex, in, length, unique across the run, CEL expression). "
                + "A row failing rules of severity error is rejected once, listing every failed rule.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("onFail", SettingKind.ENUM, "quarantine the rejected row, drop it silently, or fail the run")
                        .oneOf("quarantine", "drop", "fail").defaultsTo("quarantine"),
                Setting.of("maxRejectRatio", SettingKind.NUMBER,
                        "the run fails when rows rejected by this step divided by rows read exceeds it").between(0, 1),
                Setting.of("rules", SettingKind.OBJECT_LIST, "the rules, evaluated in order").mandatory().with(
                        Setting.of("id", SettingKind.STRING, "rule id shown in quarantine and stats; default check:field"),
                        Setting.of("field", SettingKind.STRING, "the checked field (optional for expression)"),
                        Setting.of("check", SettingKind.ENUM, "what to check").oneOf(Check.NAMES.toArray(String[]::new))
                                .mandatory(),
                        Setting.of("pattern", SettingKind.STRING, "regex: a Java regular expression the whole value must match"),
                        Setting.of("min", SettingKind.NUMBER, "range: inclusive lower bound; length: minimum length"),
                        Setting.of("max", SettingKind.NUMBER, "range: inclusive upper bound; length: maximum length"),
                        Setting.of("values", SettingKind.SCALAR_LIST, "in: the allowed values"),
                        Setting.of("expr", SettingKind.STRING, "expression: a CEL condition over row.<field> that must be true"),
                        Setting.of("severity", SettingKind.ENUM, "error rejects the row; warn only counts the failure")
                                .oneOf("error", "warn").defaultsTo("error"),
                        Setting.of("message", SettingKind.STRING, "reason shown in quarantine instead of the generated one")));
    }

    @Override
    public BoundStep bind(SettingValues s, BindContext ctx) {
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (SettingValues r : s.objects("rules")) {
            Rule rule = rule(r, ctx);
            if (rule == null) {
                continue;
            }
            if (!ids.add(rule.id())) {
                ctx.problem(r.pointer("id"), ctx.describe() + ": two rules have the id '" + rule.id() + "'.",
                        "Give each rule its own \"id\" so quarantine entries and stats tell them apart.");
            }
            rules.add(rule);
        }
        RowContext.OnFail onFail = RowContext.OnFail.valueOf(s.string("onFail").toUpperCase(Locale.ROOT));
        ValidateConfig config = new ValidateConfig(onFail, s.number("maxRejectRatio"), rules);
        return new Bound(config, ctx.input(), ctx.stepId());
    }

    private Rule rule(SettingValues r, BindContext ctx) {
        String checkName = r.string("check");
        String field = r.string("field");
        DatasetSchema in = ctx.input();
        if (checkName == null || !Check.NAMES.contains(checkName)) {
            return null;
        }
        boolean needsField = !checkName.equals("expression");
        if (needsField && field == null) {
            ctx.problem(r.pointer("field"), ctx.describe() + ": a " + checkName + " rule needs \"field\".",
                    "Add \"field\": the name of the field to check.");
            return null;
        }
        Field f = null;
        if (field != null && ctx.requireField(field, r.pointer("field")) && in != null) {
            f = in.find(field).orElseThrow();
        }
        Check check = switch (checkName) {
            case "required" -> new Check.Required();
            case "unique" -> new Check.Unique();
            case "range" -> range(r, ctx, f);
            case "length" -> length(r, ctx, f);
            case "regex" -> regex(r, ctx, f);
            case "in" -> in(r, ctx, f);
            default -> expression(r, ctx);
        };
        if (check == null) {
            return null;
        }
        String id = r.string("id") != null ? r.string("id") : field == null ? checkName : checkName + ":" + field;
        return new Rule(id, field, check, "warn".equals(r.string("severity")), r.string("message"));
    }

    private static Check range(SettingValues r, BindContext ctx, Field f) {
        if (!r.has("min") && !r.has("max")) {
            ctx.problem(r.pointer("check"), ctx.describe() + ": a range rule needs \"min\", \"max\" or both.",
                    "Add inclusive bounds, e.g. \"min\": -90, \"max\": 90.");
            return null;
        }
        if (f != null && !(f.type() == FieldType.LONG || f.type() == FieldType.DOUBLE || f.type() instanceof FieldType.Decimal)) {
            ctx.problem(r.pointer("field"), ctx.describe() + ": range applies to numeric fields, but '" + f.name()
                    + "' is " + f.type().text() + ".", "Use an expression rule for other types, or cast the field first.");
        }
        return new Check.Range(r.number("min"), r.number("max"));
    }

    private static Check length(SettingValues r, BindContext ctx, Field f) {
        if (!r.has("min") && !r.has("max")) {
            ctx.problem(r.pointer("check"), ctx.describe() + ": a length rule needs \"min\", \"max\" or both.",
                    "Add bounds on the number of characters, e.g. \"min\": 1, \"max\": 100.");
            return null;
        }
        stringOnly(r, ctx, f, "length");
        return new Check.Length(r.has("min") ? r.number("min").intValue() : null,
                r.has("max") ? r.number("max").intValue() : null);
    }

    private static Check regex(SettingValues r, BindContext ctx, Field f) {
        String pattern = r.string("pattern");
        if (pattern == null) {
            ctx.problem(r.pointer("pattern"), ctx.describe() + ": a regex rule needs \"pattern\".",
                    "Add \"pattern\": a Java regular expression, e.g. \"^[A-Z]{3}$\".");
            return null;
        }
        stringOnly(r, ctx, f, "regex");
        try {
            return new Check.Regex(Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            ctx.problem(r.pointer("pattern"), ctx.describe() + ": pattern '" + pattern + "' is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + ".", "Fix the pattern; escape special characters with \\\\.");
            return null;
        }
    }

    private static Check in(SettingValues r, BindContext ctx, Field f) {
        if (!r.has("values")) {
            ctx.problem(r.pointer("values"), ctx.describe() + ": an in rule needs \"values\".",
                    "Add \"values\": the list of allowed values.");
            return null;
        }
        Set<Object> values = new LinkedHashSet<>();
        List<Object> given = r.scalars("values");
        for (int i = 0; i < given.size(); i++) {
            Object v = f == null ? given.get(i) : Coercion.forField(f).apply(given.get(i));
            if (v instanceof InvalidValue bad) {
                ctx.problem(r.pointer("values") + "/" + i, ctx.describe() + ": allowed value " + given.get(i)
                        + " does not fit field '" + f.name() + "': " + bad.reason() + ".", "Use values of type " + f.type().text() + ".");
            } else {
                values.add(v);
            }
        }
        return new Check.In(Set.copyOf(values.stream().filter(java.util.Objects::nonNull).toList()));
    }

    private static Check expression(SettingValues r, BindContext ctx) {
        String expr = r.string("expr");
        if (expr == null) {
            ctx.problem(r.pointer("expr"), ctx.describe() + ": an expression rule needs \"expr\".",
                    "Add \"expr\": a CEL condition such as \"row.longitude < 0.0\".");
            return null;
        }
        CompiledExpression compiled = ctx.compile(expr, true, r.pointer("expr"));
        return new Check.Expression(expr, compiled);
    }

    private static void stringOnly(SettingValues r, BindContext ctx, Field f, String check) {
        if (f != null && f.type() != FieldType.STRING) {
            ctx.problem(r.pointer("field"), ctx.describe() + ": " + check + " applies to string fields, but '" + f.name()
                    + "' is " + f.type().text() + ".", "Cast the field to string in a map step first, or use a range rule.");
        }
    }

    private record Bound(ValidateConfig config, DatasetSchema output, String stepId) implements BoundStep {
        @Override
        public RowStep rowStep(StepServices services) {
            return new ValidateRowStep(stepId, config, output);
        }
    }
}
