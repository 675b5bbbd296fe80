package com.doe.chunk.internal;

import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.format.FieldType;
import com.doe.format.TypedRow;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;

/**
 * Appends the Avro binary encoding of chunk envelopes {@code {line: long|null, index: long|null,
 * row: Row}} straight from {@link TypedRow}s to one buffer, driven by the dataset schema: the same
 * bytes as {@code GenericDatumWriter} with {@link AvroSchemas#MODEL} writes for the equivalent
 * records, without boxing, union resolution or schema lookups per value. Strings are copied as the
 * row holds them, in UTF-8.
 *
 * <p>Not thread-safe: one per chunk writer; the buffer holds every row encoded since the last
 * {@link #clear}.
 */
public final class RowEncoder {

    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte DECIMAL = 4;
    private static final byte DATE = 5;
    private static final byte TIMESTAMP = 6;

    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final byte[] kinds;
    private final boolean[] optional;
    private final Schema[] valueSchemas;
    private final Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
    private final TimeConversions.TimestampMicrosConversion timestamps = new TimeConversions.TimestampMicrosConversion();
    /** Most bytes a row takes besides its strings' and decimals' contents (10 per varint, 1 per union branch). */
    private final int fixedBytes;
    private byte[] buf;
    private int pos;

    /** An encoder whose buffer starts with room for {@code capacity} bytes. */
    public RowEncoder(DatasetSchema schema, int capacity) {
        int n = schema.size();
        kinds = new byte[n];
        optional = new boolean[n];
        valueSchemas = new Schema[n];
        for (int i = 0; i < n; i++) {
            FieldType type = schema.field(i).type();
            optional[i] = !schema.field(i).required();
            valueSchemas[i] = AvroSchemas.valueSchema(type);
            kinds[i] = type instanceof FieldType.Decimal ? DECIMAL : switch ((FieldType.Simple) type) {
                case STRING -> STRING;
                case LONG -> LONG;
                case DOUBLE -> DOUBLE;
                case BOOLEAN -> BOOLEAN;
                case DATE -> DATE;
                case TIMESTAMP -> TIMESTAMP;
            };
        }
        fixedBytes = 2 * 11 + n * 11;
        buf = new byte[Math.max(capacity, fixedBytes)];
    }

    /**
     * Appends the envelope of {@code row} (its location and values).
     *
     * @throws NullPointerException when a required field is null (the reader rejects such rows first)
     */
    public void encode(TypedRow row) {
        ensure(fixedBytes);
        writeOptionalLong(row.hasLine(), row.lineNumber());
        writeOptionalLong(row.hasIndex(), row.recordIndex());
        for (int i = 0; i < kinds.length; i++) {
            boolean isNull = row.isNull(i);
            if (optional[i]) {
                buf[pos++] = (byte) (isNull ? 0 : 2);
                if (isNull) {
                    continue;
                }
            } else if (isNull) {
                throw new NullPointerException("required field " + row.schema().field(i).name() + " is null");
            }
            switch (kinds[i]) {
                case STRING -> writeText(row.textBuffer(i), row.textStart(i), row.textLength(i));
                case LONG -> writeLong(row.getLong(i));
                case DOUBLE -> writeDouble(row.getDouble(i));
                case BOOLEAN -> {
                    buf[pos++] = (byte) (row.getBoolean(i) ? 1 : 0);
                }
                case DECIMAL -> writeDecimal(i, (BigDecimal) row.getObject(i));
                case DATE -> writeLong(((LocalDate) row.getObject(i)).toEpochDay());
                case TIMESTAMP -> writeLong(timestamps.toLong((Instant) row.getObject(i), valueSchemas[i],
                        valueSchemas[i].getLogicalType()));
                default -> throw new IllegalStateException();
            }
        }
    }

    /** The encoded rows are the first {@link #length()} bytes. */
    public byte[] buffer() {
        return buf;
    }

    /** Bytes encoded since the last {@link #clear}. */
    public int length() {
        return pos;
    }

    /** Forgets the encoded rows. */
    public void clear() {
        pos = 0;
    }

    private void writeOptionalLong(boolean present, long v) {
        if (present) {
            buf[pos++] = 2;
            writeLong(v);
        } else {
            buf[pos++] = 0;
        }
    }

    /** Zig-zag varint; the caller has ensured 10 bytes. */
    private void writeLong(long v) {
        long n = (v << 1) ^ (v >> 63);
        while ((n & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buf[pos++] = (byte) n;
    }

    private void writeDouble(double d) {
        LITTLE_ENDIAN_LONG.set(buf, pos, Double.doubleToRawLongBits(d));
        pos += 8;
    }

    private void writeDecimal(int field, BigDecimal value) {
        LogicalType lt = valueSchemas[field].getLogicalType();
        ByteBuffer b = decimals.toBytes(value, valueSchemas[field], lt);
        int len = b.remaining();
        ensure(len + fixedBytes);
        writeLong(len);
        b.get(buf, pos, len);
        pos += len;
    }

    /** The row's UTF-8 bytes as they are; keeps room for the fields after it (the row's fixed bytes are ensured once per row). */
    private void writeText(byte[] utf8, int off, int len) {
        ensure(len + fixedBytes);
        writeLong(len);
        System.arraycopy(utf8, off, buf, pos, len);
        pos += len;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
