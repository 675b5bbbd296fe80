package com.doe.chunk;

import java.util.List;

/**
 * Where chunks live between stages. Writes are idempotent: writing the same chunk again stores the
 * same bytes. Implementations are thread-safe.
 */
public interface ChunkStore {

    void write(Chunk chunk);

    /**
     * The codec this store encodes chunks with. A stage that streams rows into a chunk encodes them
     * with it ({@link ChunkCodec#writer}) and stores the file with {@link #writeEncoded}.
     */
    default ChunkCodec codec() {
        return ChunkCodec.DEFAULT;
    }

    /**
     * Stores a chunk file made by {@link #codec()}'s {@link ChunkWriter}: the same stored bytes as
     * {@link #write(Chunk)} of its rows. The default decodes the file and writes the chunk.
     */
    default void writeEncoded(ChunkId id, byte[] file) {
        write(ChunkCodec.decode(id, new java.io.ByteArrayInputStream(file)));
    }

    /** @throws com.doe.DoeException when the chunk does not exist */
    Chunk read(ChunkId id);

    /** Chunk indexes stored for a run's stage, ascending. */
    List<Integer> list(String runId, String stage);
}
