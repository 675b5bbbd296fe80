package com.doe.step.validate;

import com.doe.expr.EvalError;
import com.doe.format.DatasetSchema;
import com.doe.quarantine.RuleFailure;
import com.doe.step.KeyedRowStep;
import com.doe.step.RowContext;
import com.doe.step.keys.ClaimKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Executable {@code validate}; never changes the row. Thread-safe. */
final class ValidateRowStep implements KeyedRowStep {

    private final ValidateConfig config;
    private final Rule[] rules;
    private final int[] fieldIndex;
    private final int[] uniqueRules;
    private final List<String> scopes;

    ValidateRowStep(String stepId, ValidateConfig config, DatasetSchema in) {
        this.config = config;
        this.rules = config.rules().toArray(Rule[]::new);
        this.fieldIndex = new int[rules.length];
        List<Integer> unique = new ArrayList<>();
        List<String> scopeNames = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            fieldIndex[i] = rules[i].field() == null ? -1 : in.indexOf(rules[i].field());
            if (rules[i].check() instanceof Check.Unique) {
                unique.add(i);
                scopeNames.add(stepId + "/unique/" + rules[i].field());
            }
        }
        this.uniqueRules = unique.stream().mapToInt(Integer::intValue).toArray();
        this.scopes = List.copyOf(scopeNames);
    }

    @Override
    public List<String> scopes() {
        return scopes;
    }

    @Override
    public Object[] apply(Object[] row, RowContext context) {
        List<RuleFailure> failures = evaluate(row, context);
        return finish(row, failures, context);
    }

    @Override
    public Object prepare(Object[] row, RowContext context, ClaimKey[] keys) {
        for (int k = 0; k < uniqueRules.length; k++) {
            Object v = row[fieldIndex[uniqueRules[k]]];
            keys[k] = v == null ? null : ClaimKey.of(v);
        }
        return new Pending(row, evaluate(row, context));
    }

    @Override
    public Object[] complete(Object pending, boolean[] duplicate, RowContext context) {
        Pending p = (Pending) pending;
        List<RuleFailure> failures = p.failures;
        for (int k = 0; k < uniqueRules.length; k++) {
            if (duplicate[k]) {
                Rule rule = rules[uniqueRules[k]];
                Object v = p.row[fieldIndex[uniqueRules[k]]];
                context.ruleFailed(rule.id(), rule.warnOnly());
                if (!rule.warnOnly()) {
                    failures = add(failures, new RuleFailure(rule.id(), rule.field(), v, reason(rule,
                            rule.field() + " " + shown(v) + " already appeared earlier in the run")));
                }
            }
        }
        return finish(p.row, failures, context);
    }

    private Object[] finish(Object[] row, List<RuleFailure> failures, RowContext context) {
        if (failures == null) {
            return row;
        }
        context.reject(failures, config.onFail());
        return null;
    }

    private List<RuleFailure> evaluate(Object[] row, RowContext context) {
        List<RuleFailure> failures = null;
        for (int i = 0; i < rules.length; i++) {
            Rule rule = rules[i];
            Object v = fieldIndex[i] < 0 ? null : row[fieldIndex[i]];
            String why = failure(rule, v, row);
            if (why != null) {
                context.ruleFailed(rule.id(), rule.warnOnly());
                if (!rule.warnOnly()) {
                    failures = add(failures, new RuleFailure(rule.id(), rule.field(), v, reason(rule, why)));
                }
            }
        }
        return failures;
    }

    private static String failure(Rule rule, Object v, Object[] row) {
        Check c = rule.check();
        if (c instanceof Check.Required) {
            return v == null ? rule.field() + " is required but missing" : null;
        }
        if (c instanceof Check.Expression e) {
            Object r = e.compiled().test(row);
            if (r == Boolean.TRUE) {
                return null;
            }
            return r instanceof EvalError err ? "could not evaluate " + e.source() + ": " + err.message()
                    : e.source() + " is false";
        }
        if (v == null || c instanceof Check.Unique) {
            return null;
        }
        if (c instanceof Check.Range r) {
            double d = v instanceof BigDecimal b ? b.doubleValue() : ((Number) v).doubleValue();
            if (r.min() != null && d < r.min() || r.max() != null && d > r.max()) {
                return rule.field() + " " + v + " is outside " + bound(r.min()) + ".." + bound(r.max());
            }
            return null;
        }
        if (c instanceof Check.Regex r) {
            return r.pattern().matcher(v.toString()).matches() ? null
                    : rule.field() + " " + shown(v) + " does not match " + r.pattern().pattern();
        }
        if (c instanceof Check.In in) {
            return in.values().contains(v) ? null : rule.field() + " " + shown(v) + " is not one of " + in.values();
        }
        if (c instanceof Check.Length l) {
            int n = v.toString().length();
            if (l.min() != null && n < l.min()) {
                return rule.field() + " has " + n + " characters, fewer than " + l.min();
            }
            if (l.max() != null && n > l.max()) {
                return rule.field() + " has " + n + " characters, more than " + l.max();
            }
            return null;
        }
        return null;
    }

    private static String reason(Rule rule, String generated) {
        return rule.message() != null ? rule.message() : generated;
    }

    private static String bound(Double d) {
        if (d == null) {
            return "";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }

    private static String shown(Object v) {
        return v instanceof String ? "'" + v + "'" : String.valueOf(v);
    }

    private static List<RuleFailure> add(List<RuleFailure> list, RuleFailure f) {
        List<RuleFailure> l = list == null ? new ArrayList<>(2) : list;
        l.add(f);
        return l;
    }

    private record Pending(Object[] row, List<RuleFailure> failures) {
    }
}
