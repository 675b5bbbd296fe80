package com.doe.ml;

import com.doe.ml.registry.ModelStore;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ModelStore} that lets a competing writer in just before the next conditional replace of a
 * path: the interleaving of two concurrent promotions, made deterministic.
 */
public final class RacingModelStore implements ModelStore {

    private final ModelStore delegate;
    private String path;
    private Runnable competitor;

    public RacingModelStore(ModelStore delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code competitor} once, right before the next {@link #replaceIfMatch} of {@code path}. */
    public synchronized void beforeNextReplace(String path, Runnable competitor) {
        this.path = path;
        this.competitor = competitor;
    }

    @Override
    public boolean replaceIfMatch(String path, byte[] bytes, String etag) {
        Runnable run = null;
        synchronized (this) {
            if (path.equals(this.path) && competitor != null) {
                run = competitor;
                competitor = null;
            }
        }
        if (run != null) {
            run.run();
        }
        return delegate.replaceIfMatch(path, bytes, etag);
    }

    @Override
    public Optional<Stored> get(String path) {
        return delegate.get(path);
    }

    @Override
    public Optional<String> etag(String path) {
        return delegate.etag(path);
    }

    @Override
    public boolean createIfAbsent(String path, byte[] bytes) {
        return delegate.createIfAbsent(path, bytes);
    }

    @Override
    public void put(String path, byte[] bytes) {
        delegate.put(path, bytes);
    }

    @Override
    public List<String> list(String prefix) {
        return delegate.list(prefix);
    }
}
