package com.doe.chunk;

import com.doe.DoeException;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Chunks as encoded bytes in memory (same encoding as in Blob Storage), for tests and previews. Thread-safe. */
public final class InMemoryChunkStore implements ChunkStore {

    private final ChunkCodec codec;
    private final Map<String, byte[]> blobs = new ConcurrentSkipListMap<>();

    public InMemoryChunkStore() {
        this(ChunkCodec.DEFAULT);
    }

    public InMemoryChunkStore(ChunkCodec codec) {
        this.codec = codec;
    }

    @Override
    public void write(Chunk chunk) {
        blobs.put(chunk.id().path(), codec.encode(chunk));
    }

    @Override
    public ChunkCodec codec() {
        return codec;
    }

    @Override
    public void writeEncoded(ChunkId id, byte[] file) {
        blobs.put(id.path(), file.clone());
    }

    @Override
    public Chunk read(ChunkId id) {
        byte[] b = blobs.get(id.path());
        if (b == null) {
            throw new DoeException("Chunk " + id.path() + " does not exist.");
        }
        return ChunkCodec.decode(id, new ByteArrayInputStream(b));
    }

    @Override
    public List<Integer> list(String runId, String stage) {
        String prefix = runId + "/" + stage + "/";
        return blobs.keySet().stream().filter(k -> k.startsWith(prefix))
                .map(k -> Integer.parseInt(k.substring(prefix.length(), k.length() - ".avro".length()))).sorted().toList();
    }

    /** The stored bytes of a chunk, or null. */
    public byte[] bytes(ChunkId id) {
        return blobs.get(id.path());
    }
}
