package com.doe.format.internal;

import com.doe.format.Coercion;
import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.format.InvalidValue;
import com.doe.format.TypedRow;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Decodes the text of one field (a slice of UTF-8 bytes) into a {@link TypedRow}, with the same
 * result as {@link Coercion#apply} on the same text: strings are copied as they are (malformed UTF-8
 * becomes U+FFFD, as a decoding reader makes it), plain decimal numbers, whole numbers, booleans and
 * ISO dates are parsed from the bytes without building a {@code String}; any other text goes through
 * {@link Coercion} itself, so both paths agree by construction. Immutable, thread-safe.
 */
final class TextFieldDecoder {

    /** 10^0 .. 10^22: exactly representable as doubles. */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte ISO_DATE = 4;
    private static final byte OTHER = 5;

    private final byte[] kinds;
    private final FieldType[] types;
    private final boolean[] required;
    private final boolean[] isoDate;
    private final Coercion[] coercions;

    TextFieldDecoder(DatasetSchema schema) {
        int n = schema.size();
        kinds = new byte[n];
        types = new FieldType[n];
        required = new boolean[n];
        isoDate = new boolean[n];
        coercions = new Coercion[n];
        for (int i = 0; i < n; i++) {
            Field f = schema.field(i);
            types[i] = f.type();
            required[i] = f.required();
            isoDate[i] = f.type() == FieldType.DATE && f.format() == null;
            coercions[i] = Coercion.forField(f);
            kinds[i] = f.type() == FieldType.STRING ? STRING : f.type() == FieldType.LONG ? LONG
                    : f.type() == FieldType.DOUBLE ? DOUBLE : f.type() == FieldType.BOOLEAN ? BOOLEAN : isoDate[i] ? ISO_DATE : OTHER;
        }
    }

    /**
     * Sets field {@code field} of {@code row} from the {@code len} bytes of {@code b} at {@code off},
     * the UTF-8 text of the field. A string field refers to those bytes ({@link TypedRow#referUtf8}):
     * they must stay as they are while the row is used.
     *
     * @param ascii whether the bytes are known to be below 0x80 (then they need no UTF-8 check)
     * @return false when the text does not fit the field (not a value of the type, or empty for a
     *         required field); the row's field is then unspecified
     */
    boolean decode(int field, TypedRow row, byte[] b, int off, int len, boolean ascii) {
        int to = off + len;
        boolean done = switch (kinds[field]) {
            case STRING -> len > 0 && setText(field, row, b, off, len, ascii);
            case LONG -> parseLong(field, b, off, to, row);
            case DOUBLE -> parseDouble(field, b, off, to, row);
            case BOOLEAN -> parseBoolean(field, b, off, to, row);
            case ISO_DATE -> parseIsoDate(field, b, off, to, row);
            default -> false;
        };
        return done || decodeInFull(field, b, off, len, row);
    }

    private static boolean setText(int field, TypedRow row, byte[] b, int off, int len, boolean ascii) {
        if (ascii || Utf8.isWellFormed(b, off, len)) {
            row.referUtf8(field, b, off, len);
        } else {
            row.setText(field, new String(b, off, len, StandardCharsets.UTF_8));
        }
        return true;
    }

    /**
     * {@link #decode} for text that the fast parsers above do not take as it is: empty, surrounded by
     * white space, or in another notation that only {@link Coercion} reads.
     */
    private boolean decodeInFull(int field, byte[] b, int off, int len, TypedRow row) {
        FieldType type = types[field];
        if (type == FieldType.STRING) {
            if (len == 0 && required[field]) {
                return false;
            }
            row.referUtf8(field, b, off, len);
            return true;
        }
        if (len == 0) {
            row.setNull(field);
            return !required[field];
        }
        int from = off;
        int to = off + len;
        while (from < to && (b[from] & 0xFF) <= ' ') {
            from++;
        }
        while (to > from && (b[to - 1] & 0xFF) <= ' ') {
            to--;
        }
        boolean done = false;
        if (type == FieldType.LONG) {
            done = parseLong(field, b, from, to, row);
        } else if (type == FieldType.DOUBLE) {
            done = parseDouble(field, b, from, to, row);
        } else if (type == FieldType.BOOLEAN) {
            done = parseBoolean(field, b, from, to, row);
        } else if (isoDate[field]) {
            done = parseIsoDate(field, b, from, to, row);
        }
        if (done) {
            return true;
        }
        Object v = coercions[field].apply(new String(b, off, len, StandardCharsets.UTF_8));
        if (v instanceof InvalidValue || (v == null && required[field])) {
            return false;
        }
        row.set(field, v);
        return true;
    }

    /** Optional sign and up to 18 ASCII digits: no overflow possible. */
    private static boolean parseLong(int field, byte[] c, int from, int to, TypedRow row) {
        int i = from;
        boolean negative = false;
        if (i < to && (c[i] == '-' || c[i] == '+')) {
            negative = c[i] == '-';
            i++;
        }
        int digits = to - i;
        if (digits < 1 || digits > 18) {
            return false;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            v = v * 10 + d;
        }
        row.setLong(field, negative ? -v : v);
        return true;
    }

    /**
     * Optional sign, ASCII digits with at most one point, at most 15 digits in all: the digits are an
     * exact double and so is the power of ten, and IEEE division rounds correctly, so the result is
     * the correctly rounded value that {@code Double.parseDouble} returns.
     */
    private static boolean parseDouble(int field, byte[] c, int from, int to, TypedRow row) {
        int i = from;
        boolean negative = false;
        if (i < to && (c[i] == '-' || c[i] == '+')) {
            negative = c[i] == '-';
            i++;
        }
        long mantissa = 0;
        int whole = i;
        int d;
        while (i < to && (d = c[i] - '0') >= 0 && d <= 9) {
            mantissa = mantissa * 10 + d;
            i++;
        }
        int digits = i - whole;
        int fraction = 0;
        if (i < to && c[i] == '.') {
            int point = ++i;
            while (i < to && (d = c[i] - '0') >= 0 && d <= 9) {
                mantissa = mantissa * 10 + d;
                i++;
            }
            fraction = i - point;
            digits += fraction;
        }
        if (i != to || digits == 0 || digits > 15) {
            return false;
        }
        double v = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
        row.setDouble(field, negative ? -v : v);
        return true;
    }

    /** true, false (ASCII, any case), 1 or 0. */
    private static boolean parseBoolean(int field, byte[] c, int from, int to, TypedRow row) {
        int n = to - from;
        if (n == 1 && (c[from] == '1' || c[from] == '0')) {
            row.setBoolean(field, c[from] == '1');
            return true;
        }
        if (n == 4 && lower(c[from]) == 't' && lower(c[from + 1]) == 'r' && lower(c[from + 2]) == 'u' && lower(c[from + 3]) == 'e') {
            row.setBoolean(field, true);
            return true;
        }
        if (n == 5 && lower(c[from]) == 'f' && lower(c[from + 1]) == 'a' && lower(c[from + 2]) == 'l'
                && lower(c[from + 3]) == 's' && lower(c[from + 4]) == 'e') {
            row.setBoolean(field, false);
            return true;
        }
        return false;
    }

    private static int lower(byte ch) {
        return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
    }

    /** yyyy-MM-dd with a valid calendar date. */
    private static boolean parseIsoDate(int field, byte[] c, int from, int to, TypedRow row) {
        if (to - from != 10 || c[from + 4] != '-' || c[from + 7] != '-') {
            return false;
        }
        int y = digits(c, from, 4);
        int m = digits(c, from + 5, 2);
        int d = digits(c, from + 8, 2);
        if (y < 0 || m < 0 || d < 0) {
            return false;
        }
        try {
            row.setObject(field, LocalDate.of(y, m, d));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static int digits(byte[] c, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
