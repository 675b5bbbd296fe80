package com.doe.step.map;

import com.doe.expr.CompiledExpression;
import com.doe.expr.EvalError;
import com.doe.format.Coercion;
import com.doe.format.DatasetSchema;
import com.doe.format.FieldType;
import com.doe.format.InvalidValue;
import com.doe.quarantine.RuleFailure;
import com.doe.step.RowContext;
import com.doe.step.RowStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executable {@code map}. The output layout is precomputed: each output position takes either an input
 * position or a computed value, with an optional cast. Thread-safe.
 */
final class MapRowStep implements RowStep {

    private final CompiledExpression filter;
    private final CompiledExpression[] sets;
    private final String[] setNames;
    /** For each output position: input index (>= 0) or -(set index + 1). */
    private final int[] source;
    private final Coercion[] casts;
    private final String[] outNames;
    private final boolean identity;

    MapRowStep(MapConfig c, DatasetSchema in, DatasetSchema out, CompiledExpression filter,
               Map<String, CompiledExpression> sets) {
        this.filter = filter;
        this.sets = sets.values().toArray(CompiledExpression[]::new);
        this.setNames = sets.keySet().toArray(String[]::new);
        this.source = new int[out.size()];
        this.casts = new Coercion[out.size()];
        this.outNames = out.names().toArray(String[]::new);
        Map<String, String> renamedFrom = new java.util.HashMap<>();
        c.rename().forEach((from, to) -> renamedFrom.put(to, from));
        List<String> setList = new ArrayList<>(sets.keySet());
        boolean same = out.size() == in.size() && sets.isEmpty();
        for (int i = 0; i < out.size(); i++) {
            String name = out.field(i).name();
            String original = renamedFrom.getOrDefault(name, name);
            int set = setList.indexOf(original);
            source[i] = set >= 0 ? -(set + 1) : in.indexOf(original);
            FieldType cast = c.cast().get(original);
            if (cast != null) {
                casts[i] = Coercion.to(cast);
                same = false;
            }
            same &= source[i] == i;
        }
        this.identity = same;
    }

    @Override
    public Object[] apply(Object[] row, RowContext context) {
        if (filter != null) {
            Object keep = filter.test(row);
            if (keep instanceof EvalError e) {
                context.reject(List.of(new RuleFailure("filter", null, null, "could not evaluate filter "
                        + filter.source() + ": " + e.message())), RowContext.OnFail.QUARANTINE);
                return null;
            }
            if (keep == Boolean.FALSE) {
                context.filter("filter " + filter.source() + " is false");
                return null;
            }
        }
        if (identity) {
            return row;
        }
        Object[] computed = sets.length == 0 ? null : new Object[sets.length];
        for (int i = 0; i < sets.length; i++) {
            Object v = sets[i].eval(row);
            if (v instanceof EvalError e) {
                context.reject(List.of(new RuleFailure("set:" + setNames[i], setNames[i], null, "could not evaluate "
                        + sets[i].source() + ": " + e.message())), RowContext.OnFail.QUARANTINE);
                return null;
            }
            computed[i] = v;
        }
        Object[] out = new Object[source.length];
        for (int i = 0; i < source.length; i++) {
            int s = source[i];
            Object v = s >= 0 ? row[s] : computed[-s - 1];
            if (casts[i] != null) {
                v = casts[i].apply(v);
                if (v instanceof InvalidValue bad) {
                    context.reject(List.of(new RuleFailure("cast:" + outNames[i], outNames[i], bad.value(),
                            bad.reason())), RowContext.OnFail.QUARANTINE);
                    return null;
                }
            }
            out[i] = v;
        }
        return out;
    }
}
