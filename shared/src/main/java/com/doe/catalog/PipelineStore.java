package com.doe.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Where pipeline heads and versions live: Cosmos DB in production ({@code cosmos.CosmosPipelineStore}),
 * memory in tests ({@link InMemoryPipelineStore}). Versions are write-once; heads change only through
 * an optimistic-concurrency replace, so concurrent saves never lose a version.
 *
 * <p>Implementations are thread-safe. Infrastructure failures are {@code DoeException}s (retryable
 * where a retry may help).
 */
public interface PipelineStore {

    /** A value with the store's concurrency tag (an ETag). */
    record Tagged<T>(T value, String etag) {
    }

    Optional<Tagged<PipelineHead>> readHead(String pipelineId);

    /** Creates the head of a new pipeline; false when it already exists. */
    boolean createHead(PipelineHead head);

    /** Replaces the head if it still carries {@code etag}; false when someone changed it first. */
    boolean replaceHead(PipelineHead head, String etag);

    /** Creates a version; false when that number already exists (the stored one is left alone). */
    boolean createVersion(PipelineVersion version);

    Optional<PipelineVersion> readVersion(String pipelineId, int version);

    /** Every pipeline's head, in id order. */
    List<PipelineHead> heads();
}
