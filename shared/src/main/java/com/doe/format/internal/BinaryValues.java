package com.doe.format.internal;

import com.doe.format.DatasetSchema;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** Maps the fields of a record read from an Avro or Parquet file onto the dataset fields. */
final class BinaryValues {

    private final String[] names;
    private int[] positions;
    private Schema seen;

    BinaryValues(DatasetSchema schema) {
        names = schema.fields().stream().map(f -> f.sourceName()).toArray(String[]::new);
    }

    void fill(GenericRecord record, Object[] raw) {
        if (record.getSchema() != seen) {
            seen = record.getSchema();
            positions = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                Schema.Field f = seen.getField(names[i]);
                positions[i] = f == null ? -1 : f.pos();
            }
        }
        for (int i = 0; i < names.length; i++) {
            raw[i] = positions[i] < 0 ? null : plain(record.get(positions[i]));
        }
    }

    private static Object plain(Object v) {
        if (v instanceof org.apache.avro.util.Utf8 || v instanceof org.apache.avro.generic.GenericEnumSymbol<?>) {
            return v.toString();
        }
        if (v instanceof GenericRecord || v instanceof java.util.Collection<?> || v instanceof Map<?, ?>) {
            return v.toString();
        }
        return v;
    }
}
