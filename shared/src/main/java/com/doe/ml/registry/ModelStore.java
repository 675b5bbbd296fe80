package com.doe.ml.registry;

import java.util.List;
import java.util.Optional;

/**
 * Blobs of the model registry (the {@code models} container), with the conditional writes that keep
 * concurrent writers safe. Implementations are thread-safe.
 */
public interface ModelStore {

    /** A blob's content and its version tag. */
    record Stored(byte[] bytes, String etag) {
    }

    Optional<Stored> get(String path);

    /** The blob's version tag without its content, or empty when it does not exist. */
    Optional<String> etag(String path);

    /** Creates the blob only if no blob exists at {@code path}; false when one does (nothing written). */
    boolean createIfAbsent(String path, byte[] bytes);

    /**
     * Replaces the blob only if its tag is still {@code etag} (or, with a null tag, creates it only if
     * absent); false when another writer got there first (nothing written).
     */
    boolean replaceIfMatch(String path, byte[] bytes, String etag);

    /** Writes unconditionally (files inside a version this writer has claimed). */
    void put(String path, byte[] bytes);

    /** Paths under {@code prefix}, sorted. */
    List<String> list(String prefix);
}
