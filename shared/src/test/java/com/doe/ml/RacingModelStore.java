package com.doe.ml;

import com.doe.ml.registry.ModelStore;

/**
 * A {@link ModelStore} that lets a competing writer in just before the next conditional replace of a
 * path: the interleaving of two concurrent promotions, made deterministic.
 */
public final class RacingModelStore extends ForwardingModelStore {

    private String path;
    private Runnable competitor;

    public RacingModelStore(ModelStore delegate) {
        super(delegate);
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
        return super.replaceIfMatch(path, bytes, etag);
    }
}
