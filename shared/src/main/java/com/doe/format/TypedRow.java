package com.doe.format;

import java.time.Instant;
import java.time.LocalDate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * One row of a dataset held as typed values without per-field objects: longs, doubles and booleans
 * in primitive slots, strings as UTF-8 slices (the form Avro writes them in) of one reused byte
 * buffer or of the reader's own buffer ({@link #referUtf8}), decimals, dates and
 * timestamps as their usual objects. It is the allocation-free path from a reader to the chunk
 * encoder and the field profiler; a value read from it is the same as the corresponding
 * {@link GenericRecord} field (see {@link #toRecord}).
 *
 * <p>Mutable and reused row after row: call {@link #clear} before filling the next row. Not
 * thread-safe.
 */
public final class TypedRow {

    private final DatasetSchema schema;
    private final boolean[] present;
    private final long[] longs;
    private final double[] doubles;
    private final Object[] objects;
    private final int[] textStart;
    private final int[] textLength;
    /** The array each string field's bytes are in: {@link #text}, or a reader's buffer the row refers to. */
    private final byte[][] textArray;
    private byte[] text = new byte[256];
    private int textUsed;
    /** Whether an object may be set since the last clear (rows of numbers and strings need not clear them). */
    private boolean holdsObjects;
    private boolean hasLine;
    private long line;
    private boolean hasIndex;
    private long index;

    public TypedRow(DatasetSchema schema) {
        this.schema = schema;
        int n = schema.size();
        present = new boolean[n];
        longs = new long[n];
        doubles = new double[n];
        objects = new Object[n];
        textStart = new int[n];
        textLength = new int[n];
        textArray = new byte[n][];
    }

    public DatasetSchema schema() {
        return schema;
    }

    /** Sets every field to null and forgets the location. */
    public void clear() {
        Arrays.fill(present, false);
        if (holdsObjects) {
            Arrays.fill(objects, null);
            holdsObjects = false;
        }
        textUsed = 0;
        hasLine = false;
        hasIndex = false;
    }

    /** Where the row came from: the 1-based physical line for text formats, else null. */
    public Long line() {
        return hasLine ? line : null;
    }

    /** The 0-based record index for binary formats, else null. */
    public Long index() {
        return hasIndex ? index : null;
    }

    /** Whether {@link #line()} is not null; {@link #lineNumber()} is its value without boxing. */
    public boolean hasLine() {
        return hasLine;
    }

    public long lineNumber() {
        return line;
    }

    /** Whether {@link #index()} is not null; {@link #recordIndex()} is its value without boxing. */
    public boolean hasIndex() {
        return hasIndex;
    }

    public long recordIndex() {
        return index;
    }

    public void setLocation(Long line, Long index) {
        this.hasLine = line != null;
        this.line = hasLine ? line : 0;
        this.hasIndex = index != null;
        this.index = hasIndex ? index : 0;
    }

    /** The location of a row of a text format: its line, no record index ({@code setLocation(line, null)} without boxing). */
    public void setLine(long line) {
        this.hasLine = true;
        this.line = line;
        this.hasIndex = false;
    }

    public boolean isNull(int field) {
        return !present[field];
    }

    public void setNull(int field) {
        present[field] = false;
        objects[field] = null;
    }

    /** For {@code long} fields. */
    public void setLong(int field, long value) {
        present[field] = true;
        longs[field] = value;
    }

    public long getLong(int field) {
        return longs[field];
    }

    /** For {@code double} fields. */
    public void setDouble(int field, double value) {
        present[field] = true;
        doubles[field] = value;
    }

    public double getDouble(int field) {
        return doubles[field];
    }

    /** For {@code boolean} fields. */
    public void setBoolean(int field, boolean value) {
        present[field] = true;
        longs[field] = value ? 1 : 0;
    }

    public boolean getBoolean(int field) {
        return longs[field] != 0;
    }

    /**
     * For {@code string} fields: copies {@code len} bytes of {@code utf8} from {@code off}, which the
     * caller guarantees are well-formed UTF-8.
     */
    public void setUtf8(int field, byte[] utf8, int off, int len) {
        int at = reserve(len);
        System.arraycopy(utf8, off, text, at, len);
        textAt(field, at, len);
    }

    /**
     * For {@code string} fields: the {@code len} bytes of {@code utf8} at {@code off}, well-formed
     * UTF-8, without a copy. The row refers to the caller's bytes, which must stay as they are until
     * the row is cleared or the field set again: a reader's buffer, for a row that is consumed before
     * the reader reads on. Saves a copy per string, and the stall of reading fresh bytes word by word.
     */
    public void referUtf8(int field, byte[] utf8, int off, int len) {
        textArray[field] = utf8;
        textStart[field] = off;
        textLength[field] = len;
        present[field] = true;
    }

    private void textAt(int field, int at, int len) {
        // reserve() may have moved the buffer; fields set before keep the old array, which holds their bytes
        textArray[field] = text;
        textStart[field] = at;
        textLength[field] = len;
        present[field] = true;
    }

    /** For {@code string} fields; an unpaired surrogate becomes '?', as {@code String.getBytes} and Avro's writer make it. */
    public void setText(int field, String value) {
        int len = value.length();
        int at = reserve(len);
        byte[] b = text;
        for (int k = 0; k < len; k++) {
            char c = value.charAt(k);
            if (c >= 0x80) {
                textUsed = at;
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                setUtf8(field, utf8, 0, utf8.length);
                return;
            }
            b[at + k] = (byte) c;
        }
        textAt(field, at, len);
    }

    /** The array holding a string field's UTF-8 bytes; valid until the row is cleared or the field set again. */
    public byte[] textBuffer(int field) {
        return textArray[field];
    }

    /** Where a string field's UTF-8 bytes start in {@link #textBuffer(int)}. */
    public int textStart(int field) {
        return textStart[field];
    }

    /** The length in bytes of a string field's UTF-8 form. */
    public int textLength(int field) {
        return textLength[field];
    }

    public String getText(int field) {
        return new String(textArray[field], textStart[field], textLength[field], StandardCharsets.UTF_8);
    }

    /** For {@code decimal} ({@code BigDecimal}), {@code date} ({@code LocalDate}) and {@code timestamp} ({@code Instant}) fields. */
    public void setObject(int field, Object value) {
        present[field] = value != null;
        objects[field] = value;
        holdsObjects |= value != null;
    }

    public Object getObject(int field) {
        return objects[field];
    }

    /**
     * Sets a field from its in-memory record value (see {@link FieldType}); null sets null.
     *
     * @throws ClassCastException when the value does not match the field's type
     */
    public void set(int field, Object value) {
        if (value == null) {
            setNull(field);
            return;
        }
        FieldType type = schema.field(field).type();
        if (type instanceof FieldType.Decimal) {
            setObject(field, (BigDecimal) value);
            return;
        }
        switch ((FieldType.Simple) type) {
            case STRING -> setText(field, value.toString());
            case LONG -> setLong(field, (Long) value);
            case DOUBLE -> setDouble(field, (Double) value);
            case BOOLEAN -> setBoolean(field, (Boolean) value);
            case DATE -> setObject(field, (LocalDate) value);
            case TIMESTAMP -> setObject(field, (Instant) value);
        }
    }

    /** The in-memory record value of a field (boxed), as a {@link GenericRecord} of the schema holds it. */
    public Object get(int field) {
        if (!present[field]) {
            return null;
        }
        FieldType type = schema.field(field).type();
        if (type instanceof FieldType.Decimal) {
            return objects[field];
        }
        return switch ((FieldType.Simple) type) {
            case STRING -> getText(field);
            case LONG -> longs[field];
            case DOUBLE -> doubles[field];
            case BOOLEAN -> getBoolean(field);
            case DATE, TIMESTAMP -> objects[field];
        };
    }

    /** Fills this row from a record of the same schema (location unchanged). */
    public void fill(GenericRecord record) {
        for (int i = 0; i < present.length; i++) {
            set(i, record.get(i));
        }
    }

    /** A new record of {@code avroSchema} (the {@link AvroSchemas#toAvro} of this row's schema) with this row's values. */
    public GenericRecord toRecord(Schema avroSchema) {
        GenericData.Record r = new GenericData.Record(avroSchema);
        for (int i = 0; i < present.length; i++) {
            r.put(i, get(i));
        }
        return r;
    }

    private int reserve(int len) {
        int at = textUsed;
        if (at + len > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, at + len));
        }
        textUsed = at + len;
        return at;
    }
}
