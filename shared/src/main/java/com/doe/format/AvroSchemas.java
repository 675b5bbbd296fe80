package com.doe.format;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/**
 * The Avro view of a {@link DatasetSchema}. Field types map to Avro as: string to string (read back
 * as {@code java.lang.String}), long, double, boolean, decimal to bytes with the decimal logical
 * type, date to int/date, timestamp to long/timestamp-micros. A field that is not required is a
 * union with null, null first.
 */
public final class AvroSchemas {

    /**
     * The data model every DOE reader and writer uses: it converts decimals, dates and timestamps to
     * {@code BigDecimal}, {@code LocalDate} and {@code Instant}. Thread-safe.
     */
    public static final GenericData MODEL = createModel();

    public static final String RECORD_NAME = "Row";
    public static final String NAMESPACE = "com.doe.dataset";

    private AvroSchemas() {
    }

    /** The record schema of the dataset. */
    public static Schema toAvro(DatasetSchema schema) {
        List<Schema.Field> fields = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            Schema type = valueSchema(f.type());
            if (!f.required()) {
                type = Schema.createUnion(Schema.create(Schema.Type.NULL), type);
                fields.add(new Schema.Field(f.name(), type, null, Schema.Field.NULL_DEFAULT_VALUE));
            } else {
                fields.add(new Schema.Field(f.name(), type, null, (Object) null));
            }
        }
        return Schema.createRecord(RECORD_NAME, null, NAMESPACE, false, fields);
    }

    /** The non-null Avro schema of one field type. */
    public static Schema valueSchema(FieldType type) {
        if (type instanceof FieldType.Decimal d) {
            return LogicalTypes.decimal(d.precision(), d.scale()).addToSchema(Schema.create(Schema.Type.BYTES));
        }
        return switch ((FieldType.Simple) type) {
            case STRING -> {
                Schema s = Schema.create(Schema.Type.STRING);
                GenericData.setStringType(s, GenericData.StringType.String);
                yield s;
            }
            case LONG -> Schema.create(Schema.Type.LONG);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case TIMESTAMP -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        };
    }

    private static GenericData createModel() {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        return model;
    }
}
