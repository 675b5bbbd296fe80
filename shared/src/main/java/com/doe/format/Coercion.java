package com.doe.format;

import com.fasterxml.jackson.core.io.NumberInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Converts a source value (text from CSV, a JSON scalar, an Avro or Parquet value) into the in-memory
 * value of one field type. Only lossless conversions are accepted: the JSON number 1776 into a
 * {@code string} field is "1776", the text "42" into a {@code long} is 42, but 1.5 into a
 * {@code long} is an {@link InvalidValue}. Empty text is null for every type except {@code string}.
 *
 * <p>Immutable and thread-safe; build one per field and reuse it for every row.
 */
public final class Coercion {

    private final FieldType type;
    private final DateTimeFormatter formatter;
    private final String fieldName;

    private Coercion(String fieldName, FieldType type, String format) {
        this.fieldName = fieldName;
        this.type = type;
        this.formatter = format == null ? null : DateTimeFormatter.ofPattern(format, Locale.ROOT);
    }

    /** The coercion for a field, using its {@code format} for dates and timestamps. */
    public static Coercion forField(Field field) {
        return new Coercion(field.name(), field.type(), field.format());
    }

    public static Coercion to(FieldType type) {
        return new Coercion(null, type, null);
    }

    /**
     * Converts {@code raw}. Returns the typed value, null for a missing value, or an
     * {@link InvalidValue} explaining why the value does not fit. Never throws for bad data.
     */
    public Object apply(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof CharSequence cs && !(raw instanceof String)) {
            raw = cs.toString();
        }
        if (raw instanceof String s && s.isEmpty() && type != FieldType.STRING) {
            return null;
        }
        try {
            Object v = convert(raw);
            return v;
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            return invalid(raw, null);
        }
    }

    private Object convert(Object raw) {
        if (type instanceof FieldType.Decimal d) {
            return toDecimal(raw, d);
        }
        return switch ((FieldType.Simple) type) {
            case STRING -> toText(raw);
            case LONG -> toLong(raw);
            case DOUBLE -> toDouble(raw);
            case BOOLEAN -> toBoolean(raw);
            case DATE -> toDate(raw);
            case TIMESTAMP -> toTimestamp(raw);
        };
    }

    private static Object toText(Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        if (raw instanceof BigDecimal b) {
            return b.toPlainString();
        }
        return raw.toString();
    }

    private Object toLong(Object raw) {
        if (raw instanceof Long l) {
            return l;
        }
        if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String s) {
            String t = s.trim();
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                return wholeNumber(raw, new BigDecimal(t));
            }
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            return Double.isFinite(d) ? wholeNumber(raw, BigDecimal.valueOf(d)) : invalid(raw, "is not a whole number");
        }
        if (raw instanceof BigDecimal b) {
            return wholeNumber(raw, b);
        }
        if (raw instanceof java.math.BigInteger b) {
            return wholeNumber(raw, new BigDecimal(b));
        }
        return invalid(raw, null);
    }

    private Object wholeNumber(Object raw, BigDecimal b) {
        try {
            return b.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            return invalid(raw, "is not a whole number in the range of a long");
        }
    }

    private Object toDouble(Object raw) {
        if (raw instanceof Double d) {
            return d;
        }
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            // Jackson's bundled FastDoubleParser: same results as Double.parseDouble, several times faster.
            return NumberInput.parseDouble(s.trim(), true);
        }
        return invalid(raw, null);
    }

    private Object toBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String t = raw instanceof String s ? s.trim().toLowerCase(Locale.ROOT)
                : raw instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1) ? n.intValue() + "" : "?";
        return switch (t) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> invalid(raw, "is not true or false");
        };
    }

    private Object toDecimal(Object raw, FieldType.Decimal d) {
        BigDecimal b;
        if (raw instanceof BigDecimal bd) {
            b = bd;
        } else if (raw instanceof String s) {
            b = new BigDecimal(s.trim());
        } else if (raw instanceof Long || raw instanceof Integer) {
            b = BigDecimal.valueOf(((Number) raw).longValue());
        } else if (raw instanceof Double || raw instanceof Float) {
            b = new BigDecimal(raw.toString());
        } else if (raw instanceof ByteBuffer) {
            return invalid(raw, "is an undecoded decimal");
        } else {
            return invalid(raw, null);
        }
        BigDecimal scaled;
        try {
            scaled = b.setScale(d.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            return invalid(raw, "has more than " + d.scale() + " digits after the point");
        }
        if (scaled.precision() - scaled.scale() > d.precision() - d.scale()) {
            return invalid(raw, "has more than " + (d.precision() - d.scale()) + " digits before the point");
        }
        return scaled;
    }

    private Object toDate(Object raw) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        if (raw instanceof String s) {
            String t = s.trim();
            return formatter == null ? LocalDate.parse(t) : LocalDate.parse(t, formatter);
        }
        return invalid(raw, null);
    }

    private Object toTimestamp(Object raw) {
        if (raw instanceof Instant i) {
            return i;
        }
        if (raw instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        if (raw instanceof String s) {
            String t = s.trim();
            if (formatter != null) {
                TemporalAccessor parsed = formatter.parseBest(t, OffsetDateTime::from, LocalDateTime::from,
                        LocalDate::from);
                if (parsed instanceof OffsetDateTime o) {
                    return o.toInstant();
                }
                if (parsed instanceof LocalDateTime l) {
                    return l.toInstant(ZoneOffset.UTC);
                }
                return ((LocalDate) parsed).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(t, OffsetDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        }
        return invalid(raw, null);
    }

    private InvalidValue invalid(Object raw, String why) {
        String shown = raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
        String reason = why != null ? shown + " " + why
                : shown + " is not a valid " + type.text() + (formatter != null ? " in the format given for the field" : "")
                + hint();
        return new InvalidValue(raw, (fieldName == null ? "" : "field '" + fieldName + "': ") + reason);
    }

    private String hint() {
        if (formatter != null) {
            return "";
        }
        if (type == FieldType.DATE) {
            return " (expected yyyy-MM-dd, or set \"format\" on the field)";
        }
        if (type == FieldType.TIMESTAMP) {
            return " (expected ISO-8601 such as 2024-05-01T10:00:00Z, or set \"format\" on the field)";
        }
        return "";
    }
}
