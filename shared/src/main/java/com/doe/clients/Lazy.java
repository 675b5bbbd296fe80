package com.doe.clients;

import java.util.function.Supplier;

/**
 * A value built on first use, then shared: for SDK clients and services that are expensive to build
 * and may never be needed by a given worker. Thread-safe; the factory runs at most once unless it
 * throws, in which case the next call tries again.
 */
public final class Lazy<T> {

    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    /** Whether the value has been built (for closing only what exists). */
    public boolean isBuilt() {
        return value != null;
    }

    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = factory.get();
                    value = current;
                }
            }
        }
        return current;
    }
}
