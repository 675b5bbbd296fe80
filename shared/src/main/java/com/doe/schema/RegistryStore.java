package com.doe.schema;

import java.util.List;
import java.util.Optional;

/**
 * Durable storage of the schema registry, with point operations only. Subjects change under
 * optimistic concurrency (an etag); schema texts are immutable and written once under a key
 * chosen by the registry. The registry keeps its own cache; a store does not need one.
 *
 * <p>Implementations are thread-safe. A failure that may pass on retry (service unavailable,
 * throttling, timeout) is a {@link com.doe.RetryableException}.
 */
public interface RegistryStore {

    /** A stored value with the version tag to pass back to {@link #replaceSubject}. */
    record Tagged<T>(T value, String etag) {
    }

    /** The subject, or empty when it was never created. */
    Optional<Tagged<SubjectState>> readSubject(String subject);

    /**
     * Creates a subject.
     *
     * @return false when the subject already exists (somebody else created it first)
     */
    boolean createSubject(SubjectState state);

    /**
     * Replaces a subject if it has not changed since it was read with {@code etag}.
     *
     * @return false when it changed in the meantime; read it again and retry
     */
    boolean replaceSubject(SubjectState state, String etag);

    /** Names of all subjects ever created, in no particular order. */
    List<String> listSubjects();

    /** Stores an immutable schema text under {@code key}; does nothing when the key exists. */
    void saveSchemaText(String key, String schemaJson);

    /** The schema text stored under {@code key}, or empty. */
    Optional<String> readSchemaText(String key);

    /** The global default mode, or empty when it was never set. */
    Optional<CompatibilityMode> readDefaultMode();

    /** Sets the global default mode. */
    void writeDefaultMode(CompatibilityMode mode);
}
