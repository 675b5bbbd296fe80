package com.doe.plan;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.SourcedRecord;
import com.doe.ml.ScoreSpec;
import com.doe.ml.TrainSpec;
import com.doe.ml.score.ModelSource;
import com.doe.ml.score.ScoreStep;
import com.doe.ml.train.TrainOutcome;
import com.doe.ml.train.TrainStage;
import com.doe.pipeline.Pipeline;
import com.doe.pipeline.StepDefinition;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.QuarantineSink;
import com.doe.stats.StageStats;
import com.doe.stats.StepStats;
import com.doe.step.StageKind;
import com.doe.step.ml.MlConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes an {@code ml} stage. A run goes through it in two phases:
 * <ol>
 *   <li>{@link #train} once per run, after every input chunk of the stage exists: each {@code train}
 *       step reads all of them (through the stage's earlier steps) and stores a registry version;</li>
 *   <li>{@link #run} per chunk, like {@link TransformStage}: {@code train} steps pass rows through
 *       unchanged, {@code score} steps add their prediction fields.</li>
 * </ol>
 * Records of the input chunk are never mutated. Build once per pipeline version and stage;
 * thread-safe.
 */
public final class MlStage {

    private final Pipeline pipeline;
    private final Stage stage;
    private final ModelSource models;
    private final Map<String, Integer> pins;
    private final String[] stepIds;
    private final ScoreStep[] scores;
    private final TrainStage[] trains;

    /**
     * @param pins registry versions fixed for the run per score step id (from {@code ModelChecks}), so a
     *             promotion during the run does not mix versions; steps without a pin resolve their
     *             {@code version} per chunk
     */
    public MlStage(Pipeline pipeline, Stage stage, ModelSource models, Map<String, Integer> pins, Clock clock) {
        if (stage.kind() != StageKind.ML) {
            throw new IllegalArgumentException("stage " + stage.name() + " is a " + stage.kind().text() + " stage");
        }
        this.pipeline = pipeline;
        this.stage = stage;
        this.models = models;
        this.pins = Map.copyOf(pins);
        int n = stage.steps().size();
        stepIds = new String[n];
        scores = new ScoreStep[n];
        trains = new TrainStage[n];
        for (int i = 0; i < n; i++) {
            int index = stage.steps().get(i);
            StepDefinition def = pipeline.definition().steps().get(index);
            MlConfig config = (MlConfig) def.config();
            stepIds[i] = def.id();
            if (config.type().equals("score")) {
                scores[i] = new ScoreStep(def.id(), ScoreSpec.of(config.settings()), pipeline.inputOf(index),
                        pipeline.outputOf(index), models);
            } else {
                trains[i] = new TrainStage(pipeline.id(), pipeline.definition().version(), def.id(),
                        TrainSpec.of(config.settings()), pipeline.inputOf(index), models.registry(), clock);
            }
        }
    }

    public Stage stage() {
        return stage;
    }

    /**
     * Trains every {@code train} step of the stage on the whole run's input chunks.
     *
     * @throws com.doe.ml.train.LowQualityException when a model misses minQuality and its step asks to fail
     */
    public List<TrainOutcome> train(String runId, ChunkStore chunks) {
        List<TrainOutcome> out = new ArrayList<>();
        for (int i = 0; i < trains.length; i++) {
            if (trains[i] != null) {
                int upTo = i;
                out.add(trains[i].train(runId, chunks, stage.inputStage(), c -> process(c, upTo).output()));
            }
        }
        return out;
    }

    /** Scores chunk {@code index} of the stage input and writes the output chunk and quarantine batch. Idempotent. */
    public StageResult run(String runId, int index, ChunkStore chunks, QuarantineSink quarantine) {
        Chunk in = chunks.read(new ChunkId(runId, stage.inputStage(), index));
        StageResult result = process(in);
        chunks.write(result.output());
        quarantine.write(pipeline.id(), runId, stage.name() + "/" + String.format("%05d", index), result.rejected());
        return result;
    }

    /** Processes one chunk through every step of the stage. */
    public StageResult process(Chunk chunk) {
        return process(chunk, stepIds.length);
    }

    private StageResult process(Chunk chunk, int steps) {
        long start = System.nanoTime();
        List<SourcedRecord> rows = chunk.rows();
        List<QuarantineEntry> rejected = new ArrayList<>();
        List<StepStats> stats = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            long in = rows.size();
            int before = rejected.size();
            if (scores[i] != null) {
                rows = scores[i].apply(rows, pins.get(stepIds[i]), rejected);
            }
            stats.add(new StepStats(stepIds[i], in, rows.size(), rejected.size() - before, 0, Map.of(), Map.of()));
        }
        var schema = steps == 0 ? stage.input() : pipeline.outputOf(stage.steps().get(steps - 1));
        StageStats s = new StageStats(stage.name(), chunk.size(), rows.size(), rejected.size(), 0, stats,
                System.nanoTime() - start);
        return new StageResult(new Chunk(chunk.id().inStage(stage.name()), schema, chunk.sourceBlob(), rows), rejected, s);
    }
}
