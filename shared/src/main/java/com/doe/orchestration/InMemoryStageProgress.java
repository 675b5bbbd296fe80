package com.doe.orchestration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link StageProgress} in memory, for tests and the preview. Thread-safe. */
public final class InMemoryStageProgress implements StageProgress {

    private final Map<String, Map<Integer, StageTotals>> done = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ChunkFailure>> failed = new ConcurrentHashMap<>();

    @Override
    public boolean markDone(String runId, String stage, int chunk, StageTotals totals) {
        return done.computeIfAbsent(key(runId, stage), k -> new ConcurrentHashMap<>()).putIfAbsent(chunk, totals) == null;
    }

    @Override
    public boolean markFailed(String runId, String stage, ChunkFailure failure) {
        return failed.computeIfAbsent(key(runId, stage), k -> new ConcurrentHashMap<>())
                .putIfAbsent(failure.chunk() + "." + failure.attempt(), failure) == null;
    }

    @Override
    public Set<Integer> doneChunks(String runId, String stage) {
        return Set.copyOf(done(runId, stage).keySet());
    }

    @Override
    public Map<Integer, StageTotals> done(String runId, String stage) {
        return new TreeMap<>(done.getOrDefault(key(runId, stage), Map.of()));
    }

    @Override
    public List<ChunkFailure> failures(String runId, String stage) {
        List<ChunkFailure> out = new ArrayList<>(failed.getOrDefault(key(runId, stage), Map.of()).values());
        out.sort((a, b) -> a.chunk() != b.chunk() ? Integer.compare(a.chunk(), b.chunk())
                : Integer.compare(a.attempt(), b.attempt()));
        return out;
    }

    private static String key(String runId, String stage) {
        return runId + "/" + stage;
    }
}
