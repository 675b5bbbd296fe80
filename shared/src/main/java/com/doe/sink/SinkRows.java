package com.doe.sink;

import com.doe.chunk.SourcedRecord;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.RuleFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** Helpers every sink uses on chunk rows. Stateless. */
public final class SinkRows {

    /** Separates the values of a composite key; inside values, '%' and '|' are percent-encoded. */
    public static final char KEY_SEPARATOR = '|';

    private SinkRows() {
    }

    /** The record's values by field name, for quarantine entries. */
    public static Map<String, Object> values(GenericRecord record) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Schema.Field f : record.getSchema().getFields()) {
            m.put(f.name(), plain(record.get(f.pos())));
        }
        return m;
    }

    /** A quarantine entry for a row refused by a sink. */
    public static QuarantineEntry rejection(String stepId, SourcedRecord row, String rule, String field, Object value,
                                            String reason) {
        return QuarantineEntry.of(stepId, new RuleFailure(rule, field, plain(value), reason), row.source(),
                values(row.record()));
    }

    /**
     * The text of a key made of field values: a single value as is, several joined with {@code |}
     * after percent-encoding {@code %} and {@code |} inside each value, so distinct value tuples always
     * give distinct keys. Null when any value is null.
     */
    public static String keyText(GenericRecord record, int[] positions) {
        if (positions.length == 1) {
            Object v = record.get(positions[0]);
            return v == null ? null : text(v);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < positions.length; i++) {
            Object v = record.get(positions[i]);
            if (v == null) {
                return null;
            }
            if (i > 0) {
                b.append(KEY_SEPARATOR);
            }
            b.append(text(v).replace("%", "%25").replace("|", "%7C"));
        }
        return b.toString();
    }

    /** Positions of {@code fields} in the record schema. */
    public static int[] positions(Schema schema, List<String> fields) {
        int[] p = new int[fields.size()];
        for (int i = 0; i < p.length; i++) {
            Schema.Field f = schema.getField(fields.get(i));
            if (f == null) {
                throw new com.doe.DoeException("Field '" + fields.get(i) + "' is not in the rows reaching the sink "
                        + "(fields: " + schema.getFields().stream().map(Schema.Field::name).toList() + ").");
            }
            p[i] = f.pos();
        }
        return p;
    }

    /** A value as key text: strings as is, numbers and dates in their canonical text. */
    static String text(Object v) {
        if (v instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    private static Object plain(Object v) {
        return v instanceof CharSequence s ? s.toString() : v;
    }
}
