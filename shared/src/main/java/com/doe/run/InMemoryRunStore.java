package com.doe.run;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RunStore} in memory with the same concurrency semantics as the Cosmos one. Thread-safe. */
public final class InMemoryRunStore implements RunStore {

    private final Map<String, Tagged> records = new ConcurrentHashMap<>();

    @Override
    public boolean create(RunRecord record) {
        return records.putIfAbsent(record.runId(), tag(record)) == null;
    }

    @Override
    public Optional<Tagged> read(String runId) {
        return Optional.ofNullable(records.get(runId));
    }

    @Override
    public boolean replace(RunRecord record, String etag) {
        boolean[] replaced = {false};
        records.computeIfPresent(record.runId(), (id, current) -> {
            if (!current.etag().equals(etag)) {
                return current;
            }
            replaced[0] = true;
            return tag(record);
        });
        return replaced[0];
    }

    @Override
    public List<RunRecord> list(RunQuery query) {
        return records.values().stream()
                .map(Tagged::record)
                .filter(r -> query.pipelineId() == null || r.pipelineId().equals(query.pipelineId()))
                .filter(r -> query.status() == null || r.status() == query.status())
                .sorted(Comparator.comparing(RunRecord::startedAt).reversed())
                .limit(query.limit())
                .toList();
    }

    private static Tagged tag(RunRecord record) {
        return new Tagged(record, UUID.randomUUID().toString());
    }
}
