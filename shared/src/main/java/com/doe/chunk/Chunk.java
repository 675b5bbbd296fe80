package com.doe.chunk;

import com.doe.format.DatasetSchema;
import java.util.List;

/**
 * A chunk in memory: at most {@code chunkRows} records of one dataset schema, from one source file.
 *
 * @param id         which chunk
 * @param schema     the dataset schema of the records
 * @param sourceBlob the source file the rows came from
 * @param rows       the records in source order
 */
public record Chunk(ChunkId id, DatasetSchema schema, String sourceBlob, List<SourcedRecord> rows) {

    public Chunk {
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }
}
