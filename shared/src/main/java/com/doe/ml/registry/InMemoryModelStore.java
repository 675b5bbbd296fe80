package com.doe.ml.registry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link ModelStore} in memory with the same conditional-write semantics as Blob Storage. Thread-safe. */
public final class InMemoryModelStore implements ModelStore {

    private final ConcurrentSkipListMap<String, Stored> blobs = new ConcurrentSkipListMap<>();
    private final AtomicLong tags = new AtomicLong();

    @Override
    public Optional<Stored> get(String path) {
        return Optional.ofNullable(blobs.get(path));
    }

    @Override
    public Optional<String> etag(String path) {
        return get(path).map(Stored::etag);
    }

    @Override
    public boolean createIfAbsent(String path, byte[] bytes) {
        return blobs.putIfAbsent(path, stored(bytes)) == null;
    }

    @Override
    public boolean replaceIfMatch(String path, byte[] bytes, String etag) {
        if (etag == null) {
            return createIfAbsent(path, bytes);
        }
        Stored current = blobs.get(path);
        return current != null && current.etag().equals(etag) && blobs.replace(path, current, stored(bytes));
    }

    @Override
    public void put(String path, byte[] bytes) {
        blobs.put(path, stored(bytes));
    }

    @Override
    public List<String> list(String prefix) {
        return List.copyOf(blobs.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet());
    }

    private Stored stored(byte[] bytes) {
        return new Stored(bytes.clone(), "\"" + tags.incrementAndGet() + "\"");
    }
}
