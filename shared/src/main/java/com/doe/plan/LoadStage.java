package com.doe.plan;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.SourcedRecord;
import com.doe.pipeline.Pipeline;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.QuarantineSink;
import com.doe.sink.RunContext;
import com.doe.sink.Sink;
import com.doe.sink.SinkFactory;
import com.doe.sink.SinkResult;
import com.doe.sink.SinkSpec;
import com.doe.sink.SinkStats;
import com.doe.stats.StageStats;
import com.doe.stats.StepStats;
import com.doe.step.StageKind;
import com.doe.step.sink.SinkConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes a {@code load} stage (consecutive sink steps) on one chunk at a time: each sink in order
 * writes the rows, and passes them on unchanged to the next. A row a sink refuses because of its content
 * becomes a quarantine entry and does not reach the later sinks (so rowsIn = rowsOut + rejected holds
 * per step and for the stage). The stage's output chunk holds the rows that every sink accepted, for any
 * stage that follows.
 *
 * <p>Re-delivery: every sink is idempotent per chunk (see each sink's guarantee), the output chunk and
 * the quarantine batch ({@code {stage}/{chunk}}) are rewritten identically. When a sink fails with an
 * exception the stage fails as a whole and is delivered again; the sinks before it rewrite harmlessly.
 *
 * <p>Build once per pipeline version and stage; thread-safe when the sinks are.
 */
public final class LoadStage {

    /**
     * What the stage did with one chunk.
     *
     * @param stage the output chunk, quarantined rows and stage counters (one {@link StepStats} per sink)
     * @param sinks each sink's counters, in step order
     */
    public record Result(StageResult stage, List<SinkStats> sinks) {

        public Result {
            sinks = List.copyOf(sinks);
        }
    }

    private final String pipelineId;
    private final Stage stage;
    private final List<Sink> sinks;

    public LoadStage(Pipeline pipeline, Stage stage, SinkFactory factory) {
        if (stage.kind() != StageKind.LOAD) {
            throw new IllegalArgumentException("stage " + stage.name() + " is a " + stage.kind().text() + " stage");
        }
        this.pipelineId = pipeline.id();
        this.stage = stage;
        List<Sink> built = new ArrayList<>();
        for (int index : stage.steps()) {
            String stepId = pipeline.definition().steps().get(index).id();
            SinkConfig config = (SinkConfig) pipeline.step(index).config();
            built.add(factory.create(new SinkSpec(pipeline.id(), stepId, config, pipeline.inputOf(index))));
        }
        this.sinks = List.copyOf(built);
    }

    public Stage stage() {
        return stage;
    }

    /**
     * Reads chunk {@code index} of the stage's input, loads it, writes the output chunk and the quarantine
     * batch ({@code {stage}/{chunk}}). Idempotent per chunk, as the sinks are.
     */
    public Result run(RunContext run, int index, ChunkStore chunks, QuarantineSink quarantine) {
        Chunk in = chunks.read(new ChunkId(run.runId(), stage.inputStage(), index));
        Result result = process(run, in);
        chunks.write(result.stage().output());
        quarantine.write(pipelineId, run.runId(), stage.name() + "/" + String.format("%05d", index),
                result.stage().rejected());
        return result;
    }

    /** Loads one chunk through every sink of the stage. */
    public Result process(RunContext run, Chunk chunk) {
        long start = System.nanoTime();
        List<SourcedRecord> live = chunk.rows();
        List<QuarantineEntry> rejected = new ArrayList<>();
        List<SinkStats> sinkStats = new ArrayList<>(sinks.size());
        List<StepStats> stepStats = new ArrayList<>(sinks.size());
        for (Sink sink : sinks) {
            Chunk batch = live == chunk.rows() ? chunk : new Chunk(chunk.id(), chunk.schema(), chunk.sourceBlob(), live);
            SinkResult r = sink.write(run, batch);
            sinkStats.add(r.stats());
            Map<String, Long> byRule = new HashMap<>();
            if (!r.rejected().isEmpty()) {
                boolean[] refused = new boolean[live.size()];
                for (SinkResult.RejectedRow row : r.rejected()) {
                    if (!refused[row.row()]) {
                        refused[row.row()] = true;
                        rejected.add(row.entry());
                        byRule.merge(row.entry().rule(), 1L, Long::sum);
                    }
                }
                List<SourcedRecord> next = new ArrayList<>(live.size());
                for (int i = 0; i < live.size(); i++) {
                    if (!refused[i]) {
                        next.add(live.get(i));
                    }
                }
                stepStats.add(new StepStats(sink.stepId(), live.size(), next.size(), live.size() - next.size(), 0,
                        byRule, Map.of()));
                live = next;
            } else {
                stepStats.add(new StepStats(sink.stepId(), live.size(), live.size(), 0, 0, Map.of(), Map.of()));
            }
        }
        Chunk output = new Chunk(chunk.id().inStage(stage.name()), chunk.schema(), chunk.sourceBlob(), live);
        StageStats stats = new StageStats(stage.name(), chunk.size(), live.size(), chunk.size() - live.size(), 0,
                stepStats, System.nanoTime() - start);
        return new Result(new StageResult(output, rejected, stats), sinkStats);
    }
}
