package com.doe.format.internal;

import com.doe.format.AvroSchemas;
import com.doe.format.Coercion;
import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.InvalidValue;
import com.doe.format.ReadItem;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.RuleFailure;
import com.doe.quarantine.SourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Turns the raw values of one source row (aligned with the dataset fields) into a record of the
 * dataset schema, or a malformed row listing every field that does not fit. Immutable, thread-safe.
 */
public final class RowDecoder {

    public static final String STEP = "read";

    private final DatasetSchema schema;
    private final Schema avro;
    private final Coercion[] coercions;

    public RowDecoder(DatasetSchema schema) {
        this.schema = schema;
        this.avro = AvroSchemas.toAvro(schema);
        this.coercions = schema.fields().stream().map(Coercion::forField).toArray(Coercion[]::new);
    }

    public DatasetSchema schema() {
        return schema;
    }

    public Schema avroSchema() {
        return avro;
    }

    /** Decodes {@code raw} (one value per dataset field, null when absent); {@code raw} is not kept. */
    public ReadItem decode(Object[] raw, SourceRef source) {
        GenericData.Record record = new GenericData.Record(avro);
        List<RuleFailure> failures = null;
        for (int i = 0; i < coercions.length; i++) {
            Object v = coercions[i].apply(raw[i]);
            if (v instanceof InvalidValue bad) {
                failures = add(failures, new RuleFailure("type", schema.field(i).name(), bad.value(), bad.reason()));
                continue;
            }
            if ((v == null || "".equals(v)) && schema.field(i).required()) {
                Field f = schema.field(i);
                failures = add(failures, new RuleFailure("required", f.name(), null,
                        "required field '" + f.name() + "' is missing or empty"
                                + (f.from() != null ? " (source column '" + f.from() + "')" : "")));
                continue;
            }
            record.put(i, v);
        }
        if (failures != null) {
            return new ReadItem.Malformed(new QuarantineEntry(STEP, failures, source, rawRow(raw)));
        }
        return new ReadItem.Row(record, source);
    }

    /** A malformed row that could not even be split into values. */
    public static ReadItem malformed(String rule, String reason, SourceRef source, Map<String, Object> row) {
        return new ReadItem.Malformed(QuarantineEntry.of(STEP, new RuleFailure(rule, null, null, reason), source, row));
    }

    private Map<String, Object> rawRow(Object[] raw) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < raw.length; i++) {
            row.put(schema.field(i).name(), raw[i] instanceof com.fasterxml.jackson.databind.JsonNode n ? n.toString() : raw[i]);
        }
        return row;
    }

    private static List<RuleFailure> add(List<RuleFailure> list, RuleFailure f) {
        List<RuleFailure> l = list == null ? new ArrayList<>(2) : list;
        l.add(f);
        return l;
    }
}
