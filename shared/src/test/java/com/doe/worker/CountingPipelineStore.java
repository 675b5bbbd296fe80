package com.doe.worker;

import com.doe.catalog.PipelineHead;
import com.doe.catalog.PipelineStore;
import com.doe.catalog.PipelineVersion;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link PipelineStore} that counts version reads, to check what the worker caches. */
final class CountingPipelineStore implements PipelineStore {

    private final PipelineStore delegate;
    private final AtomicInteger versionReads;

    CountingPipelineStore(PipelineStore delegate, AtomicInteger versionReads) {
        this.delegate = delegate;
        this.versionReads = versionReads;
    }

    @Override
    public Optional<Tagged<PipelineHead>> readHead(String pipelineId) {
        return delegate.readHead(pipelineId);
    }

    @Override
    public boolean createHead(PipelineHead head) {
        return delegate.createHead(head);
    }

    @Override
    public boolean replaceHead(PipelineHead head, String etag) {
        return delegate.replaceHead(head, etag);
    }

    @Override
    public boolean createVersion(PipelineVersion version) {
        return delegate.createVersion(version);
    }

    @Override
    public Optional<PipelineVersion> readVersion(String pipelineId, int version) {
        versionReads.incrementAndGet();
        return delegate.readVersion(pipelineId, version);
    }

    @Override
    public List<PipelineHead> heads() {
        return delegate.heads();
    }
}
