package com.doe.event;

import com.doe.DoeException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Kafka record cannot be turned into an event. Permanent: reading it again gives the same
 * result, so it goes to the dead-letter topic and the consumer moves on to the next record.
 */
public final class UndecodableEventException extends DoeException {

    /** Why the record cannot be decoded. */
    public enum Reason {
        /** No value, or the value does not start with the single-object marker {@code C3 01}. */
        NOT_SINGLE_OBJECT_ENCODED,
        /** The writer schema's fingerprint is not in the schema registry. */
        UNKNOWN_SCHEMA,
        /** The writer schema is known but this consumer's schema cannot read it. */
        INCOMPATIBLE_SCHEMA,
        /** The header is fine but the body does not match the writer schema. */
        CORRUPT_BODY
    }

    private final RecordPosition position;
    private final Reason reason;
    private final Long fingerprint;

    public UndecodableEventException(RecordPosition position, Reason reason, Long fingerprint, String detail,
            Throwable cause) {
        super("Cannot decode the event at " + position + ": " + detail, cause);
        this.position = position;
        this.reason = reason;
        this.fingerprint = fingerprint;
    }

    public RecordPosition position() {
        return position;
    }

    public Reason reason() {
        return reason;
    }

    /** The writer schema fingerprint from the header, when the header could be read. */
    public OptionalLong fingerprint() {
        return fingerprint == null ? OptionalLong.empty() : OptionalLong.of(fingerprint);
    }

    /** The underlying failure's message, if any. */
    public Optional<String> causeMessage() {
        return Optional.ofNullable(getCause()).map(Throwable::getMessage);
    }
}
