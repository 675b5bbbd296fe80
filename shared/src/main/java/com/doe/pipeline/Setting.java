package com.doe.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;

/**
 * The declaration of one setting of a step type or source: name, shape, whether it is required, its
 * default, documentation and constraints. Declared once by the step type; the validator, the JSON
 * Schema of definitions and the reference documentation are derived from it.
 *
 * @param name         the key in the definition
 * @param kind         the value's shape
 * @param required     whether the key must be present
 * @param defaultValue the value used when absent (JSON), or null
 * @param doc          one sentence for users
 * @param allowed      for {@link SettingKind#ENUM}: the allowed values
 * @param children     for {@link SettingKind#OBJECT} and {@link SettingKind#OBJECT_LIST}: nested settings
 * @param min          inclusive lower bound for numbers, or null
 * @param max          inclusive upper bound for numbers, or null
 */
public record Setting(String name, SettingKind kind, boolean required, JsonNode defaultValue, String doc,
                      List<String> allowed, List<Setting> children, Double min, Double max) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        allowed = List.copyOf(allowed);
        children = List.copyOf(children);
    }

    public static Setting of(String name, SettingKind kind, String doc) {
        return new Setting(name, kind, false, null, doc, List.of(), List.of(), null, null);
    }

    public Setting mandatory() {
        return new Setting(name, kind, true, defaultValue, doc, allowed, children, min, max);
    }

    public Setting defaultsTo(Object value) {
        return new Setting(name, kind, required, MAPPER.valueToTree(value), doc, allowed, children, min, max);
    }

    public Setting oneOf(String... values) {
        return new Setting(name, kind, required, defaultValue, doc, List.of(values), children, min, max);
    }

    public Setting with(Setting... nested) {
        return new Setting(name, kind, required, defaultValue, doc, allowed, List.of(nested), min, max);
    }

    public Setting between(double low, double high) {
        return new Setting(name, kind, required, defaultValue, doc, allowed, children, low, high);
    }
}
