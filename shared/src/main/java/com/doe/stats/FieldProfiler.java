package com.doe.stats;

import com.doe.format.DatasetSchema;
import com.doe.stats.internal.HyperLogLog;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Accumulates {@link FieldProfile}s over records of one schema. Not thread-safe: one per chunk;
 * combine chunk profilers with {@link #merge}.
 */
public final class FieldProfiler {

    private final DatasetSchema schema;
    private final long[] nulls;
    private final Object[] min;
    private final Object[] max;
    private final HyperLogLog[] distinct;
    private long count;

    public FieldProfiler(DatasetSchema schema) {
        this.schema = schema;
        int n = schema.size();
        nulls = new long[n];
        min = new Object[n];
        max = new Object[n];
        distinct = new HyperLogLog[n];
        for (int i = 0; i < n; i++) {
            distinct[i] = new HyperLogLog();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void add(GenericRecord record) {
        count++;
        for (int i = 0; i < nulls.length; i++) {
            Object v = record.get(i);
            if (v == null) {
                nulls[i]++;
                continue;
            }
            if (v instanceof Comparable c) {
                if (min[i] == null || c.compareTo(min[i]) < 0) {
                    min[i] = v;
                }
                if (max[i] == null || c.compareTo(max[i]) > 0) {
                    max[i] = v;
                }
            }
            distinct[i].add(HyperLogLog.hash(v));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void merge(FieldProfiler o) {
        count += o.count;
        for (int i = 0; i < nulls.length; i++) {
            nulls[i] += o.nulls[i];
            if (o.min[i] != null && (min[i] == null || ((Comparable) o.min[i]).compareTo(min[i]) < 0)) {
                min[i] = o.min[i];
            }
            if (o.max[i] != null && (max[i] == null || ((Comparable) o.max[i]).compareTo(max[i]) > 0)) {
                max[i] = o.max[i];
            }
            distinct[i].merge(o.distinct[i]);
        }
    }

    public List<FieldProfile> profiles() {
        List<FieldProfile> out = new ArrayList<>();
        for (int i = 0; i < nulls.length; i++) {
            out.add(new FieldProfile(schema.field(i).name(), count, nulls[i], min[i], max[i], distinct[i].estimate()));
        }
        return out;
    }
}
