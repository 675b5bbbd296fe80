package com.doe.quarantine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Keeps quarantined rows in memory, for tests and previews. Thread-safe. */
public final class InMemoryQuarantineSink implements QuarantineSink {

    private final Map<String, List<QuarantineEntry>> batches = new ConcurrentSkipListMap<>();

    @Override
    public void write(String pipelineId, String runId, String batch, List<QuarantineEntry> entries) {
        if (!entries.isEmpty()) {
            batches.put(pipelineId + "/" + runId + "/" + batch, List.copyOf(entries));
        }
    }

    /** Every stored entry, batches in name order. */
    public List<QuarantineEntry> entries() {
        List<QuarantineEntry> all = new ArrayList<>();
        batches.values().forEach(all::addAll);
        return all;
    }

    /** The stored batch names ({@code pipelineId/runId/batch}). */
    public List<String> batchNames() {
        return List.copyOf(batches.keySet());
    }
}
