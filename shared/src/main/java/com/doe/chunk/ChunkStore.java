package com.doe.chunk;

import java.util.List;

/**
 * Where chunks live between stages. Writes are idempotent: writing the same chunk again stores the
 * same bytes. Implementations are thread-safe.
 */
public interface ChunkStore {

    void write(Chunk chunk);

    /** @throws com.doe.DoeException when the chunk does not exist */
    Chunk read(ChunkId id);

    /** Chunk indexes stored for a run's stage, ascending. */
    List<Integer> list(String runId, String stage);
}
