package com.doe.step.enrich;

import com.doe.DoeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reference tables held in memory, for tests and previews. Thread-safe. */
public final class InMemoryLookupSource implements LookupSource {

    private final Map<String, ReferenceTable> tables = new ConcurrentHashMap<>();
    private int versions;

    /** Adds or replaces a dataset; a replaced dataset gets a new version, as a changed blob gets a new ETag. */
    public synchronized InMemoryLookupSource put(String dataset, List<Map<String, String>> rows) {
        tables.put(dataset, new ReferenceTable(dataset, "v" + (++versions), rows));
        return this;
    }

    @Override
    public ReferenceTable table(String dataset) {
        ReferenceTable t = tables.get(dataset);
        if (t == null) {
            throw new DoeException("Reference dataset '" + dataset + "' does not exist. Upload it, or fix enrich.lookup.dataset.");
        }
        return t;
    }
}
