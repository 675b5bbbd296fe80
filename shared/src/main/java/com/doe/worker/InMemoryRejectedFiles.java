package com.doe.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link RejectedFiles} in memory, for tests. Thread-safe. */
public final class InMemoryRejectedFiles implements RejectedFiles {

    /** A copy and the reason attached to it. */
    public record Copy(byte[] content, String runId, String reason) {
    }

    private final Map<String, Copy> copies = new ConcurrentSkipListMap<>();

    @Override
    public String setAside(LandedBlob blob, String runId, String reason) {
        String where = CONTAINER + "/" + blob.container() + "/" + blob.name();
        try (InputStream in = blob.file().open()) {
            copies.put(where, new Copy(in.readAllBytes(), runId, reason));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return where;
    }

    /** The copies by location, in name order. */
    public Map<String, Copy> copies() {
        return Map.copyOf(copies);
    }
}
