package com.doe.ml;

import com.doe.ml.registry.ModelStore;
import java.util.List;
import java.util.Optional;

/** A {@link ModelStore} that passes every call on; test decorators override the calls they watch. */
public class ForwardingModelStore implements ModelStore {

    private final ModelStore delegate;

    public ForwardingModelStore(ModelStore delegate) {
        this.delegate = delegate;
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
    public boolean replaceIfMatch(String path, byte[] bytes, String etag) {
        return delegate.replaceIfMatch(path, bytes, etag);
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
