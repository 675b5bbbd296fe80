package com.doe.step.clean;

import com.doe.format.DatasetSchema;
import com.doe.format.FieldType;
import com.doe.step.KeyedRowStep;
import com.doe.step.RowContext;
import com.doe.step.keys.ClaimKey;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Executable {@code clean}: updates the working row in place. Thread-safe (no mutable state). */
final class CleanRowStep implements KeyedRowStep {

    private static final byte TRIM = 1;
    private static final byte UPPER = 2;
    private static final byte LOWER = 4;

    private final byte[] ops;
    private final boolean[] string;
    private final Set<String> nullIf;
    private final Object[] defaults;
    private final int[] dedupe;
    private final List<String> scopes;

    CleanRowStep(String stepId, CleanConfig c, DatasetSchema in, Map<String, Object> typedDefaults) {
        int n = in.size();
        ops = new byte[n];
        string = new boolean[n];
        defaults = new Object[n];
        for (int i = 0; i < n; i++) {
            String name = in.field(i).name();
            string[i] = in.field(i).type() == FieldType.STRING;
            if (string[i] && (c.trimAll() || c.trim().contains(name))) {
                ops[i] |= TRIM;
            }
            if (c.uppercase().contains(name)) {
                ops[i] |= UPPER;
            }
            if (c.lowercase().contains(name)) {
                ops[i] |= LOWER;
            }
            defaults[i] = typedDefaults.get(name);
        }
        nullIf = new HashSet<>(c.nullIf());
        dedupe = c.dedupeBy().stream().mapToInt(in::indexOf).toArray();
        scopes = dedupe.length == 0 ? List.of() : List.of(stepId + "/dedupeBy/" + String.join(",", c.dedupeBy()));
    }

    boolean keyed() {
        return dedupe.length > 0;
    }

    @Override
    public List<String> scopes() {
        return scopes;
    }

    @Override
    public Object[] apply(Object[] row, RowContext context) {
        clean(row);
        return row;
    }

    @Override
    public Object prepare(Object[] row, RowContext context, ClaimKey[] keys) {
        clean(row);
        Object[] values = new Object[dedupe.length];
        for (int i = 0; i < dedupe.length; i++) {
            values[i] = row[dedupe[i]];
        }
        keys[0] = ClaimKey.of(values);
        return row;
    }

    @Override
    public Object[] complete(Object pending, boolean[] duplicate, RowContext context) {
        if (duplicate[0]) {
            context.filter("duplicate of an earlier row with the same " + scopes.get(0).substring(scopes.get(0).lastIndexOf('/') + 1));
            return null;
        }
        return (Object[]) pending;
    }

    private void clean(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v != null && string[i]) {
                String s = (String) v;
                byte op = ops[i];
                if ((op & TRIM) != 0) {
                    s = s.strip();
                }
                if (!nullIf.isEmpty() && nullIf.contains(s)) {
                    s = null;
                } else if ((op & UPPER) != 0) {
                    s = s.toUpperCase(Locale.ROOT);
                } else if ((op & LOWER) != 0) {
                    s = s.toLowerCase(Locale.ROOT);
                }
                row[i] = s;
                v = s;
            }
            if (v == null && defaults[i] != null) {
                row[i] = defaults[i];
            }
        }
    }
}
