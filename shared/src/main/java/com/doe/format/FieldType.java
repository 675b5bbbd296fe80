package com.doe.format;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a dataset field, as written in a pipeline definition: {@code string}, {@code long},
 * {@code double}, {@code boolean}, {@code decimal(p,s)}, {@code date}, {@code timestamp}.
 *
 * <p>In memory (Avro {@code GenericRecord}s read through {@link AvroSchemas#MODEL}) values are
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code BigDecimal},
 * {@code LocalDate} and {@code Instant}.
 */
public sealed interface FieldType permits FieldType.Simple, FieldType.Decimal {

    /** The name as written in a definition, e.g. {@code decimal(12,2)}. */
    String text();

    /** Types without parameters. */
    enum Simple implements FieldType {
        STRING, LONG, DOUBLE, BOOLEAN, DATE, TIMESTAMP;

        @Override
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A fixed-point number with {@code precision} digits, {@code scale} of them after the point. */
    record Decimal(int precision, int scale) implements FieldType {
        public Decimal {
            if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("decimal(" + precision + "," + scale + ")");
            }
        }

        @Override
        public String text() {
            return "decimal(" + precision + "," + scale + ")";
        }
    }

    FieldType STRING = Simple.STRING;
    FieldType LONG = Simple.LONG;
    FieldType DOUBLE = Simple.DOUBLE;
    FieldType BOOLEAN = Simple.BOOLEAN;
    FieldType DATE = Simple.DATE;
    FieldType TIMESTAMP = Simple.TIMESTAMP;

    /** The accepted spellings, for error messages and the JSON Schema. */
    String SPELLINGS = "string, long, double, boolean, decimal(p,s), date, timestamp";

    /** Parses a type name; empty when the text is not one of {@link #SPELLINGS}. */
    static Optional<FieldType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = DecimalPattern.PATTERN.matcher(t);
        if (m.matches()) {
            int p = Integer.parseInt(m.group(1));
            int s = Integer.parseInt(m.group(2));
            return p >= 1 && p <= 38 && s <= p ? Optional.of(new Decimal(p, s)) : Optional.empty();
        }
        for (Simple s : Simple.values()) {
            if (s.text().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Holder so the interface does not expose the pattern as a constant. */
    final class DecimalPattern {
        static final Pattern PATTERN = Pattern.compile("decimal\\(\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})\\s*\\)");

        private DecimalPattern() {
        }
    }
}
