package com.doe.sink;

import com.doe.chunk.Chunk;
import com.doe.chunk.SourcedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A sink that keeps what it receives in memory, keyed like a real sink would be: writing the same row
 * (by key) again replaces it. For tests of load stages and anything that drives sinks. Optionally
 * refuses rows, as a destination refusing bad data would. Thread-safe.
 */
public final class RecordingSink implements Sink {

    private final String stepId;
    private final Function<SourcedRecord, String> key;
    private final Function<SourcedRecord, String> refusal;
    private final Map<String, SourcedRecord> stored = new ConcurrentHashMap<>();
    private final List<String> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * @param key     the row's identity at the destination
     * @param refusal the reason to refuse a row, or null to accept it
     */
    public RecordingSink(String stepId, Function<SourcedRecord, String> key, Function<SourcedRecord, String> refusal) {
        this.stepId = stepId;
        this.key = key;
        this.refusal = refusal;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public SinkResult write(RunContext run, Chunk chunk) {
        long start = System.nanoTime();
        deliveries.add(chunk.id().path());
        List<SinkResult.RejectedRow> rejected = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            SourcedRecord r = chunk.rows().get(i);
            String reason = refusal.apply(r);
            if (reason != null) {
                rejected.add(new SinkResult.RejectedRow(i, SinkRows.rejection(stepId, r, "refused", null, null, reason)));
            } else {
                stored.put(key.apply(r), r);
            }
        }
        long written = chunk.size() - rejected.size();
        return new SinkResult(rejected, new SinkStats(stepId, "recording", chunk.size(), written, rejected.size(),
                System.nanoTime() - start, new SinkDetail.Recording(stored.size())));
    }

    /** The rows stored, by key. */
    public Map<String, SourcedRecord> stored() {
        return Map.copyOf(stored);
    }

    /** The chunk paths received, in order of delivery. */
    public List<String> deliveries() {
        return List.copyOf(deliveries);
    }
}
