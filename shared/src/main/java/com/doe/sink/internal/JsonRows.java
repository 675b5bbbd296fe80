package com.doe.sink.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Dataset rows as JSON objects, the same way for Cosmos DB documents and JSON Lines files: strings,
 * longs, booleans and decimals as JSON strings/numbers (decimals exactly), doubles as numbers (NaN and
 * infinities, which JSON cannot hold, as null), dates as {@code yyyy-MM-dd}, timestamps as ISO-8601 UTC
 * text, null as null. Stateless.
 */
public final class JsonRows {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonRows() {
    }

    public static ObjectNode object(GenericRecord record) {
        ObjectNode o = NODES.objectNode();
        for (Schema.Field f : record.getSchema().getFields()) {
            o.set(f.name(), value(record.get(f.pos())));
        }
        return o;
    }

    public static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof CharSequence s) {
            return NODES.textNode(s.toString());
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? NODES.nullNode() : NODES.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (v instanceof LocalDate || v instanceof Instant) {
            return NODES.textNode(v.toString());
        }
        if (v instanceof ByteBuffer b) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        return NODES.textNode(v.toString());
    }
}
