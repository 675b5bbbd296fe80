package com.doe.format;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One field of a dataset.
 *
 * @param name     the field's name in records: letters, digits and underscores, not starting with a digit
 * @param type     its type
 * @param required whether null is refused (the row is rejected by the reader)
 * @param format   optional parse pattern for {@code date}/{@code timestamp} text (a {@code DateTimeFormatter}
 *                 pattern), or null
 * @param from     the source column or JSON key when it differs from {@code name}, or null
 */
public record Field(String name, FieldType type, boolean required, String format, String from) {

    /** Valid field names: what Avro, CEL and the sinks all accept. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static Field of(String name, FieldType type) {
        return new Field(name, type, false, null, null);
    }

    /** The column or key this field is read from. */
    public String sourceName() {
        return from == null ? name : from;
    }

    public Optional<String> formatPattern() {
        return Optional.ofNullable(format);
    }

    public Field withName(String newName) {
        return new Field(newName, type, required, format, from);
    }

    public Field withType(FieldType newType) {
        return new Field(name, newType, required, newType instanceof FieldType.Simple s
                && (s == FieldType.DATE || s == FieldType.TIMESTAMP) ? format : null, from);
    }

    /** Same field, nullable: used for fields whose value a step may set to null. */
    public Field nullable() {
        return required ? new Field(name, type, false, format, from) : this;
    }
}
