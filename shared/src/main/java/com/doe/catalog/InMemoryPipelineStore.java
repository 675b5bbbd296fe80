package com.doe.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PipelineStore} in memory, with the same concurrency semantics as the Cosmos one. Thread-safe. */
public final class InMemoryPipelineStore implements PipelineStore {

    private final Map<String, Tagged<PipelineHead>> heads = new ConcurrentHashMap<>();
    private final Map<String, PipelineVersion> versions = new ConcurrentHashMap<>();

    @Override
    public Optional<Tagged<PipelineHead>> readHead(String pipelineId) {
        return Optional.ofNullable(heads.get(pipelineId));
    }

    @Override
    public boolean createHead(PipelineHead head) {
        return heads.putIfAbsent(head.pipelineId(), tag(head)) == null;
    }

    @Override
    public boolean replaceHead(PipelineHead head, String etag) {
        boolean[] replaced = {false};
        heads.computeIfPresent(head.pipelineId(), (id, current) -> {
            if (!current.etag().equals(etag)) {
                return current;
            }
            replaced[0] = true;
            return tag(head);
        });
        return replaced[0];
    }

    @Override
    public boolean createVersion(PipelineVersion version) {
        return versions.putIfAbsent(key(version.pipelineId(), version.version()), version) == null;
    }

    @Override
    public Optional<PipelineVersion> readVersion(String pipelineId, int version) {
        return Optional.ofNullable(versions.get(key(pipelineId, version)));
    }

    @Override
    public List<PipelineHead> heads() {
        List<PipelineHead> all = new ArrayList<>();
        heads.values().forEach(tagged -> all.add(tagged.value()));
        all.sort(Comparator.comparing(PipelineHead::pipelineId));
        return all;
    }

    private static Tagged<PipelineHead> tag(PipelineHead head) {
        return new Tagged<>(head, UUID.randomUUID().toString());
    }

    private static String key(String pipelineId, int version) {
        return pipelineId + "/" + version;
    }
}
