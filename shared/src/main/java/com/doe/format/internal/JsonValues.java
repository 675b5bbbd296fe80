package com.doe.format.internal;

import com.doe.format.DatasetSchema;
import com.doe.format.FieldType;
import com.fasterxml.jackson.databind.JsonNode;

/** Maps a JSON object's keys onto the dataset fields as raw values for {@link RowDecoder}. */
final class JsonValues {

    private final String[] keys;
    private final boolean[] text;
    private final boolean[] decimal;

    JsonValues(DatasetSchema schema) {
        keys = new String[schema.size()];
        text = new boolean[schema.size()];
        decimal = new boolean[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            keys[i] = schema.field(i).sourceName();
            text[i] = schema.field(i).type() == FieldType.STRING;
            decimal[i] = schema.field(i).type() instanceof FieldType.Decimal;
        }
    }

    void fill(JsonNode object, Object[] raw) {
        for (int i = 0; i < keys.length; i++) {
            raw[i] = scalar(object.get(keys[i]), i);
        }
    }

    private Object scalar(JsonNode n, int field) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.decimalValue();
        }
        if (n.isNumber()) {
            return decimal[field] ? n.decimalValue() : (Object) n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        // Objects and arrays: their JSON text fits a string field; other types reject it.
        return text[field] ? n.toString() : n;
    }
}
