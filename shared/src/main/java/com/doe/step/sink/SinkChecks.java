package com.doe.step.sink;

import com.doe.pipeline.SettingValues;
import com.doe.step.BindContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Checks shared by the sink declarations. */
final class SinkChecks {

    /** Labels, relationship types and property names: validated, then backtick-quoted by the Neo4j sink. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private SinkChecks() {
    }

    static void fields(BindContext ctx, SettingValues s, String setting) {
        JsonNode v = s.node(setting);
        if (v == null) {
            return;
        }
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                ctx.requireField(v.get(i).asText(), s.pointer(setting) + "/" + i);
            }
        } else if (v.isObject()) {
            v.fields().forEachRemaining(e -> ctx.requireField(e.getValue().asText(),
                    s.pointer(setting) + "/" + com.doe.pipeline.Problems.escape(e.getKey())));
        } else if (v.isTextual()) {
            ctx.requireField(v.asText(), s.pointer(setting));
        }
    }

    static void identifier(BindContext ctx, String value, String pointer, String what) {
        if (value != null && !IDENTIFIER.matcher(value).matches()) {
            ctx.problem(pointer, ctx.describe() + ": " + what + " '" + value + "' is not a valid identifier.",
                    "Use letters, digits and underscores only, not starting with a digit (no spaces or backticks).");
        }
    }

    static void identifiers(BindContext ctx, SettingValues s, String setting, String what) {
        JsonNode v = s.node(setting);
        if (v != null && v.isObject()) {
            v.fieldNames().forEachRemaining(k -> identifier(ctx, k, s.pointer(setting) + "/" + com.doe.pipeline.Problems.escape(k), what));
        }
    }
}
