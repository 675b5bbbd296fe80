package com.doe.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Serialises quarantine entries as JSON Lines. Thread-safe. */
public final class QuarantineJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QuarantineJson() {
    }

    /** One JSON object for the entry. */
    public static ObjectNode toJson(QuarantineEntry e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("step", e.step());
        o.put("rule", e.rule());
        o.put("field", e.field());
        o.set("value", MAPPER.valueToTree(plain(e.first().value())));
        o.put("reason", e.reason());
        ArrayNode failures = o.putArray("failures");
        for (RuleFailure f : e.failures()) {
            ObjectNode fo = failures.addObject();
            fo.put("rule", f.rule());
            fo.put("field", f.field());
            fo.set("value", MAPPER.valueToTree(plain(f.value())));
            fo.put("reason", f.reason());
        }
        ObjectNode source = o.putObject("source");
        if (e.source() != null) {
            source.put("blob", e.source().blob());
            if (e.source().line() != null) {
                source.put("line", e.source().line());
            }
            if (e.source().record() != null) {
                source.put("record", e.source().record());
            }
        }
        ObjectNode row = o.putObject("row");
        for (Map.Entry<String, Object> f : e.row().entrySet()) {
            row.set(f.getKey(), MAPPER.valueToTree(plain(f.getValue())));
        }
        return o;
    }

    /** The entries as UTF-8 JSON Lines, one entry per line. */
    public static byte[] toJsonLines(List<QuarantineEntry> entries) {
        StringBuilder sb = new StringBuilder();
        try {
            for (QuarantineEntry e : entries) {
                sb.append(MAPPER.writeValueAsString(toJson(e))).append('\n');
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** JSON-friendly form of an in-memory value: dates, timestamps and decimals as text. */
    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number && !(v instanceof BigDecimal) || v instanceof Boolean) {
            return v;
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        return v.toString();
    }
}
