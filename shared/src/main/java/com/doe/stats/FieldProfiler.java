package com.doe.stats;

import com.doe.format.DatasetSchema;
import com.doe.format.FieldType;
import com.doe.format.TypedRow;
import com.doe.stats.internal.HyperLogLog;
import com.doe.stats.internal.TextHash;
import com.doe.stats.internal.TextRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Accumulates {@link FieldProfile}s over records of one schema, given as {@link GenericRecord}s or as
 * {@link TypedRow}s (both give the same profile for the same values; a typed row is profiled without
 * boxing or building strings). Not thread-safe: one per chunk; combine chunk profilers with
 * {@link #merge}.
 */
public final class FieldProfiler {

    private static final byte LONG = 0;
    private static final byte DOUBLE = 1;
    private static final byte BOOLEAN = 2;
    private static final byte STRING = 3;
    private static final byte OTHER = 4;
    private static final long HASH_TRUE = HyperLogLog.hash(Boolean.hashCode(true));
    private static final long HASH_FALSE = HyperLogLog.hash(Boolean.hashCode(false));

    private final DatasetSchema schema;
    private final byte[] kinds;
    private final long[] nulls;
    private final boolean[] seen;
    private final long[] longMin;
    private final long[] longMax;
    private final double[] doubleMin;
    private final double[] doubleMax;
    private final Object[] min;
    private final Object[] max;
    private final HyperLogLog[] distinct;
    private final TextRange[] texts;
    private byte[] scratch = new byte[64];
    private long count;

    public FieldProfiler(DatasetSchema schema) {
        this.schema = schema;
        int n = schema.size();
        kinds = new byte[n];
        nulls = new long[n];
        seen = new boolean[n];
        longMin = new long[n];
        longMax = new long[n];
        doubleMin = new double[n];
        doubleMax = new double[n];
        min = new Object[n];
        max = new Object[n];
        distinct = new HyperLogLog[n];
        texts = new TextRange[n];
        for (int i = 0; i < n; i++) {
            FieldType t = schema.field(i).type();
            kinds[i] = t == FieldType.LONG ? LONG : t == FieldType.DOUBLE ? DOUBLE : t == FieldType.BOOLEAN ? BOOLEAN
                    : t == FieldType.STRING ? STRING : OTHER;
            distinct[i] = new HyperLogLog();
            texts[i] = kinds[i] == STRING ? new TextRange() : null;
        }
    }

    public void add(GenericRecord record) {
        count++;
        for (int i = 0; i < kinds.length; i++) {
            Object v = record.get(i);
            if (v == null) {
                nulls[i]++;
                continue;
            }
            switch (kinds[i]) {
                case LONG -> addLong(i, (Long) v);
                case DOUBLE -> addDouble(i, (Double) v);
                case BOOLEAN -> addLong(i, (Boolean) v ? 1 : 0);
                case STRING -> addText(i, v.toString());
                default -> addObject(i, v);
            }
            if (kinds[i] != STRING) {
                distinct[i].add(HyperLogLog.hash(v.hashCode()));
            }
        }
    }

    public void add(TypedRow row) {
        count++;
        for (int i = 0; i < kinds.length; i++) {
            if (row.isNull(i)) {
                nulls[i]++;
                continue;
            }
            switch (kinds[i]) {
                case LONG -> {
                    long v = row.getLong(i);
                    addLong(i, v);
                    distinct[i].add(HyperLogLog.hash(Long.hashCode(v)));
                }
                case DOUBLE -> {
                    double v = row.getDouble(i);
                    addDouble(i, v);
                    distinct[i].add(HyperLogLog.hash(Double.hashCode(v)));
                }
                case BOOLEAN -> {
                    boolean v = row.getBoolean(i);
                    addLong(i, v ? 1 : 0);
                    distinct[i].add(v ? HASH_TRUE : HASH_FALSE);
                }
                case STRING -> addText(i, row.textBuffer(i), row.textStart(i), row.textLength(i));
                default -> {
                    Object v = row.getObject(i);
                    addObject(i, v);
                    distinct[i].add(HyperLogLog.hash(v.hashCode()));
                }
            }
        }
    }

    private void addLong(int i, long v) {
        if (!seen[i]) {
            seen[i] = true;
            longMin[i] = v;
            longMax[i] = v;
        } else if (v < longMin[i]) {
            longMin[i] = v;
        } else if (v > longMax[i]) {
            longMax[i] = v;
        }
    }

    private void addDouble(int i, double v) {
        if (!seen[i]) {
            seen[i] = true;
            doubleMin[i] = v;
            doubleMax[i] = v;
        } else if (Double.compare(v, doubleMin[i]) < 0) {
            doubleMin[i] = v;
        } else if (Double.compare(v, doubleMax[i]) > 0) {
            doubleMax[i] = v;
        }
    }

    /** Profiles the UTF-8 form of {@code v}, as a typed row holds it. */
    private void addText(int i, String v) {
        int len = v.length();
        if (len > scratch.length) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        for (int k = 0; k < len; k++) {
            char c = v.charAt(k);
            if (c >= 0x80) {
                byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                addText(i, utf8, 0, utf8.length);
                return;
            }
            scratch[k] = (byte) c;
        }
        addText(i, scratch, 0, len);
    }

    /** Same as {@link #addText(int, String)} for the string whose UTF-8 form is the {@code len} bytes at {@code off}. */
    private void addText(int i, byte[] b, int off, int len) {
        distinct[i].add(TextHash.hash(b, off, len));
        texts[i].add(b, off, len);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void addObject(int i, Object v) {
        Comparable c = (Comparable) v;
        if (min[i] == null || c.compareTo(min[i]) < 0) {
            min[i] = v;
        }
        if (max[i] == null || c.compareTo(max[i]) > 0) {
            max[i] = v;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void merge(FieldProfiler o) {
        count += o.count;
        for (int i = 0; i < kinds.length; i++) {
            nulls[i] += o.nulls[i];
            if (o.seen[i] && !seen[i]) {
                seen[i] = true;
                longMin[i] = o.longMin[i];
                longMax[i] = o.longMax[i];
                doubleMin[i] = o.doubleMin[i];
                doubleMax[i] = o.doubleMax[i];
            } else if (o.seen[i]) {
                longMin[i] = Math.min(longMin[i], o.longMin[i]);
                longMax[i] = Math.max(longMax[i], o.longMax[i]);
                if (Double.compare(o.doubleMin[i], doubleMin[i]) < 0) {
                    doubleMin[i] = o.doubleMin[i];
                }
                if (Double.compare(o.doubleMax[i], doubleMax[i]) > 0) {
                    doubleMax[i] = o.doubleMax[i];
                }
            }
            if (o.min[i] != null && (min[i] == null || ((Comparable) o.min[i]).compareTo(min[i]) < 0)) {
                min[i] = o.min[i];
            }
            if (o.max[i] != null && (max[i] == null || ((Comparable) o.max[i]).compareTo(max[i]) > 0)) {
                max[i] = o.max[i];
            }
            if (texts[i] != null) {
                texts[i].merge(o.texts[i]);
            }
            distinct[i].merge(o.distinct[i]);
        }
    }

    public List<FieldProfile> profiles() {
        List<FieldProfile> out = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            out.add(new FieldProfile(schema.field(i).name(), count, nulls[i], value(i, true), value(i, false),
                    distinct[i].estimate()));
        }
        return out;
    }

    private Object value(int i, boolean smallest) {
        return switch (kinds[i]) {
            case LONG -> seen[i] ? (Object) (smallest ? longMin[i] : longMax[i]) : null;
            case DOUBLE -> seen[i] ? (Object) (smallest ? doubleMin[i] : doubleMax[i]) : null;
            case BOOLEAN -> seen[i] ? (Object) ((smallest ? longMin[i] : longMax[i]) != 0) : null;
            case STRING -> smallest ? texts[i].min() : texts[i].max();
            default -> smallest ? min[i] : max[i];
        };
    }
}
