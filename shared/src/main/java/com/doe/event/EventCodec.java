package com.doe.event;

import com.doe.DoeException;
import com.doe.event.UndecodableEventException.Reason;
import com.doe.schema.Fingerprints;
import com.doe.schema.RegisteredSchema;
import com.doe.schema.SchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.AvroTypeException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one event type with Avro single-object encoding: the marker {@code C3 01},
 * the writer schema's CRC-64-AVRO fingerprint (8 bytes, little-endian), then the Avro binary
 * body. Any Avro library can decode such a value given the writer schema.
 *
 * <p>Decoding finds the writer schema by fingerprint in the {@link SchemaRegistry} (Avro's
 * {@code SchemaStore}) and resolves it to this process's schema, so events written by older or
 * newer producers are read as long as the subject's compatibility rules held. Each fingerprint is
 * resolved once; after that no lookup leaves the process.
 *
 * <p>Thread-safe; create one per event type and process.
 *
 * @param <T> the generated event class
 */
public final class EventCodec<T extends SpecificRecord> {

    private static final int HEADER_LENGTH = 10;

    private final EventType<T> type;
    private final RegisteredSchema writerSchema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private EventCodec(EventType<T> type, RegisteredSchema writerSchema, SchemaRegistry registry) {
        this.type = type;
        this.writerSchema = writerSchema;
        SpecificData model = SpecificData.getForClass(type.javaClass());
        this.encoder = new BinaryMessageEncoder<>(model, type.schema());
        this.decoder = new BinaryMessageDecoder<>(model, type.schema(), registry.schemaStore());
    }

    /**
     * A codec for {@code type} that registers this process's schema under the type's subject
     * first (idempotent), so every event it writes can be decoded by fingerprint.
     *
     * @throws com.doe.schema.IncompatibleSchemaException when this schema breaks the subject's
     *     compatibility mode: deploying this producer would break consumers
     */
    public static <T extends SpecificRecord> EventCodec<T> register(SchemaRegistry registry, EventType<T> type) {
        return new EventCodec<>(type, registry.register(type.subject(), type.schema()), registry);
    }

    public EventType<T> type() {
        return type;
    }

    /** The subject version this codec writes. */
    public RegisteredSchema writerSchema() {
        return writerSchema;
    }

    /** The single-object encoding of {@code event}. */
    public byte[] encode(T event) {
        try {
            ByteBuffer buffer = encoder.encode(event);
            if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                    && buffer.limit() == buffer.array().length) {
                return buffer.array();
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding a " + type + " in memory failed", e);
        }
    }

    /**
     * Decodes a record value into this process's version of the event.
     *
     * @param where the record's position, named in errors
     * @throws UndecodableEventException (permanent) when the value is empty, not single-object
     *     encoded, written with a schema the registry does not know or this schema cannot read,
     *     or corrupt
     * @throws DoeException as thrown by the registry's store, e.g. a retryable outage: the record
     *     itself may be fine, so it must not be dead-lettered
     */
    public T decode(byte[] value, RecordPosition where) {
        if (value == null || value.length == 0) {
            throw new UndecodableEventException(where, Reason.NOT_SINGLE_OBJECT_ENCODED, null,
                    "the value is empty; " + type + " events are never empty (a tombstone or a foreign producer?)",
                    null);
        }
        try {
            // A ByteBuffer, not the byte[] overload: Avro reads a byte[] through the synchronized
            // ByteArrayInputStream, which costs about a third of the decode time.
            return decoder.decode(ByteBuffer.wrap(value));
        } catch (DoeException storeFailure) {
            throw storeFailure;
        } catch (BadHeaderException e) {
            throw new UndecodableEventException(where, Reason.NOT_SINGLE_OBJECT_ENCODED, null,
                    "the value is not an Avro single-object encoded event (" + e.getMessage() + "); "
                            + "only producers using Avro single-object encoding may write to " + where.topic(), e);
        } catch (MissingSchemaException e) {
            long fingerprint = fingerprintOf(value);
            throw new UndecodableEventException(where, Reason.UNKNOWN_SCHEMA, fingerprint,
                    "writer schema fingerprint " + Fingerprints.toHex(fingerprint) + " is not in the schema registry; "
                            + "producers must register their schema under subject " + type.subject()
                            + " before writing, and producer and consumer must use the same registry", e);
        } catch (AvroTypeException e) {
            long fingerprint = fingerprintOf(value);
            throw new UndecodableEventException(where, Reason.INCOMPATIBLE_SCHEMA, fingerprint,
                    "writer schema " + Fingerprints.toHex(fingerprint) + " cannot be read with this consumer's "
                            + type + " schema (" + e.getMessage() + "); check the compatibility mode of subject "
                            + type.subject(), e);
        } catch (IOException | RuntimeException e) {
            long fingerprint = value.length >= HEADER_LENGTH ? fingerprintOf(value) : 0L;
            throw new UndecodableEventException(where, Reason.CORRUPT_BODY, fingerprint,
                    "the body does not match writer schema " + Fingerprints.toHex(fingerprint) + " ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the record is corrupt", e);
        }
    }

    private static long fingerprintOf(byte[] value) {
        return ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
