package com.doe.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read access to the settings of one step (or nested object) after they passed the declaration
 * checks: values have the declared shape, and absent settings yield their declared default.
 * Immutable view over the definition's JSON; each accessor also knows its JSON pointer for messages.
 */
public final class SettingValues {

    private final JsonNode node;
    private final String pointer;
    private final Map<String, Setting> declared;

    public SettingValues(JsonNode node, String pointer, List<Setting> declarations) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.pointer = pointer;
        Map<String, Setting> map = new LinkedHashMap<>();
        declarations.forEach(s -> map.put(s.name(), s));
        this.declared = Collections.unmodifiableMap(map);
    }

    /** The pointer of this object, e.g. {@code /steps/2}. */
    public String pointer() {
        return pointer;
    }

    /** The pointer of one setting, e.g. {@code /steps/2/dedupeBy}. */
    public String pointer(String name) {
        return pointer + "/" + Problems.escape(name);
    }

    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** The raw JSON value, or the declared default, or null. */
    public JsonNode node(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            Setting s = declared.get(name);
            return s == null ? null : s.defaultValue();
        }
        return v;
    }

    public String string(String name) {
        JsonNode v = node(name);
        return v == null || !v.isValueNode() ? null : v.asText();
    }

    public long integer(String name, long fallback) {
        JsonNode v = node(name);
        return v == null || !v.isNumber() ? fallback : v.asLong();
    }

    public Double number(String name) {
        JsonNode v = node(name);
        return v == null || !v.isNumber() ? null : v.doubleValue();
    }

    public boolean bool(String name) {
        JsonNode v = node(name);
        return v != null && v.asBoolean(false);
    }

    public Duration duration(String name) {
        String s = string(name);
        return s == null ? null : Duration.parse(s);
    }

    public List<String> strings(String name) {
        JsonNode v = node(name);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> out.add(e.asText()));
        }
        return List.copyOf(out);
    }

    /** Scalars of a list as Java values (String, Long, Double, Boolean). */
    public List<Object> scalars(String name) {
        JsonNode v = node(name);
        List<Object> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> out.add(scalar(e)));
        }
        return Collections.unmodifiableList(out);
    }

    /** An object's entries, in definition order, values as text. */
    public Map<String, String> stringMap(String name) {
        JsonNode v = node(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v != null && v.isObject()) {
            v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** An object's entries, in definition order, values as Java scalars (null allowed). */
    public Map<String, Object> scalarMap(String name) {
        JsonNode v = node(name);
        Map<String, Object> out = new LinkedHashMap<>();
        if (v != null && v.isObject()) {
            v.fields().forEachRemaining(e -> out.put(e.getKey(), scalar(e.getValue())));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A nested object's settings. */
    public SettingValues object(String name) {
        Setting s = declared.get(name);
        return new SettingValues(node.get(name), pointer(name), s == null ? List.of() : s.children());
    }

    /** A list of nested objects' settings. */
    public List<SettingValues> objects(String name) {
        Setting s = declared.get(name);
        JsonNode v = node.get(name);
        List<SettingValues> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                out.add(new SettingValues(v.get(i), pointer(name) + "/" + i, s == null ? List.of() : s.children()));
            }
        }
        return List.copyOf(out);
    }

    static Object scalar(JsonNode e) {
        if (e == null || e.isNull()) {
            return null;
        }
        if (e.isIntegralNumber()) {
            return e.asLong();
        }
        if (e.isNumber()) {
            return e.asDouble();
        }
        if (e.isBoolean()) {
            return e.asBoolean();
        }
        return e.asText();
    }
}
