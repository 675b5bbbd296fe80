package com.doe.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;

/**
 * The shapes a setting's value can take. Each kind checks a JSON value and describes itself as a
 * JSON Schema fragment, so the validator and the published schema agree by construction.
 */
public enum SettingKind {
    STRING("a string"),
    INTEGER("a whole number"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    /** ISO-8601 duration text such as {@code PT2S}. */
    DURATION("an ISO-8601 duration such as \"PT2S\" or \"PT10M\""),
    /** One of {@link Setting#allowed()}. */
    ENUM("one of the allowed values"),
    STRING_LIST("a list of strings"),
    /** Strings, numbers or booleans. */
    SCALAR_LIST("a list of strings, numbers or booleans"),
    /** An object whose values are strings. */
    STRING_MAP("an object whose values are strings"),
    /** An object whose values are strings, numbers, booleans or null. */
    SCALAR_MAP("an object whose values are strings, numbers, booleans or null"),
    NUMBER_MAP("an object whose values are numbers"),
    /** {@code true}/{@code false}, or a list of field names. */
    BOOLEAN_OR_STRING_LIST("true, false, or a list of field names"),
    /** A list of field names, or an object mapping names to fields. */
    STRING_LIST_OR_MAP("a list of field names, or an object mapping names to field names"),
    /** A nested object with its own declared settings ({@link Setting#children()}). */
    OBJECT("an object"),
    /** A list of nested objects with declared settings. */
    OBJECT_LIST("a list of objects");

    private final String description;

    SettingKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether {@code v} has this shape (nested objects' own settings are checked separately). */
    public boolean accepts(JsonNode v) {
        return switch (this) {
            case STRING, ENUM -> v.isTextual();
            case INTEGER -> v.isIntegralNumber() || v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue());
            case NUMBER -> v.isNumber();
            case BOOLEAN -> v.isBoolean();
            case DURATION -> v.isTextual() && isDuration(v.textValue());
            case STRING_LIST -> v.isArray() && all(v.elements(), JsonNode::isTextual);
            case SCALAR_LIST -> v.isArray() && all(v.elements(), JsonNode::isValueNode);
            case STRING_MAP -> v.isObject() && all(v.elements(), JsonNode::isTextual);
            case SCALAR_MAP -> v.isObject() && all(v.elements(), JsonNode::isValueNode);
            case NUMBER_MAP -> v.isObject() && all(v.elements(), JsonNode::isNumber);
            case BOOLEAN_OR_STRING_LIST -> v.isBoolean() || STRING_LIST.accepts(v);
            case STRING_LIST_OR_MAP -> STRING_LIST.accepts(v) || STRING_MAP.accepts(v);
            case OBJECT -> v.isObject();
            case OBJECT_LIST -> v.isArray() && all(v.elements(), JsonNode::isObject);
        };
    }

    /** The JSON Schema of a value of this kind (without nested settings, title or default). */
    ObjectNode schema(Setting s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        switch (this) {
            case STRING -> o.put("type", "string");
            case INTEGER -> o.put("type", "integer");
            case NUMBER -> o.put("type", "number");
            case BOOLEAN -> o.put("type", "boolean");
            case DURATION -> o.put("type", "string").put("pattern", "^-?P");
            case ENUM -> {
                o.put("type", "string");
                s.allowed().forEach(o.putArray("enum")::add);
            }
            case STRING_LIST -> o.put("type", "array").putObject("items").put("type", "string");
            case SCALAR_LIST -> {
                o.put("type", "array");
                o.putObject("items").putArray("type").add("string").add("number").add("boolean");
            }
            case STRING_MAP -> o.put("type", "object").putObject("additionalProperties").put("type", "string");
            case SCALAR_MAP -> {
                o.put("type", "object");
                o.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean").add("null");
            }
            case NUMBER_MAP -> o.put("type", "object").putObject("additionalProperties").put("type", "number");
            case BOOLEAN_OR_STRING_LIST -> {
                o.putArray("oneOf").add(f.objectNode().put("type", "boolean"))
                        .add(STRING_LIST.schema(s));
            }
            case STRING_LIST_OR_MAP -> o.putArray("oneOf").add(STRING_LIST.schema(s)).add(STRING_MAP.schema(s));
            case OBJECT, OBJECT_LIST -> {
                // Filled in by SchemaGenerator from the children.
            }
        }
        return o;
    }

    private static boolean isDuration(String text) {
        try {
            Duration.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean all(Iterator<JsonNode> it, java.util.function.Predicate<JsonNode> p) {
        while (it.hasNext()) {
            if (!p.test(it.next())) {
                return false;
            }
        }
        return true;
    }
}
