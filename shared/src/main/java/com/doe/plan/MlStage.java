package com.doe.plan;

import com.doe.DoeException;
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
import com.doe.ml.train.TrainingTable;
import com.doe.pipeline.Pipeline;
import com.doe.pipeline.StepDefinition;
import com.doe.quarantine.QuarantineEntry;
import com.doe.stats.StageStats;
import com.doe.stats.StepStats;
import com.doe.step.StageKind;
import com.doe.step.ml.MlConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes an {@code ml} stage. The {@link Planner} gives it one of two shapes:
 * <ul>
 *   <li>{@code score} steps, per chunk ({@link #process(Chunk, Map)}): each step adds its prediction
 *       fields, with the registry version pinned for the run;</li>
 *   <li>{@code train} steps, once per run ({@link #trainRun}, {@link Stage#wholeRun()}): every input
 *       chunk of the run is read once, in order; its rows go into each step's training table and the
 *       chunk is written through unchanged as the stage's output chunk of the same index. Then each
 *       step trains on all rows and stores its registry version.</li>
 * </ul>
 * Records of the input chunk are never mutated. Build once per pipeline version and stage;
 * thread-safe.
 */
public final class MlStage {

    /**
     * What a whole-run stage did.
     *
     * @param stats    rows in and out over every chunk (train steps pass rows through: nothing is
     *                 rejected or filtered)
     * @param chunks   input chunks read (and output chunks written)
     * @param outcomes one per train step, in step order
     */
    public record TrainRun(StageStats stats, int chunks, List<TrainOutcome> outcomes) {
        public TrainRun {
            outcomes = List.copyOf(outcomes);
        }
    }

    private final Stage stage;
    private final String[] stepIds;
    private final ScoreStep[] scores;
    private final TrainStage[] trains;

    public MlStage(Pipeline pipeline, Stage stage, ModelSource models, Clock clock) {
        if (stage.kind() != StageKind.ML) {
            throw new IllegalArgumentException("stage " + stage.name() + " is a " + stage.kind().text() + " stage");
        }
        this.stage = stage;
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
                if (stage.wholeRun()) {
                    throw new IllegalArgumentException("whole-run stage " + stage.name() + " has score step " + def.id()
                            + "; the planner puts score steps in per-chunk stages");
                }
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
     * Runs a whole-run stage for run {@code runId}: streams every input chunk once (one chunk in memory
     * at a time, plus each train step's table of feature columns), writes the pass-through output
     * chunks, then trains and stores each step's model. Idempotent: a re-delivery writes the same
     * chunk bytes and finds the run's model versions stored (see {@link TrainStage#fit}).
     *
     * @throws DoeException (permanent) when the input stage's chunks are not 0..n-1
     * @throws com.doe.ml.train.LowQualityException when a model misses minQuality and its step asks to fail
     */
    public TrainRun trainRun(String runId, ChunkStore chunks) {
        if (!stage.wholeRun()) {
            throw new IllegalStateException("stage " + stage.name() + " runs per chunk, not over the whole run");
        }
        long start = System.nanoTime();
        List<Integer> indexes = inputChunks(runId, chunks);
        List<TrainingTable> tables = new ArrayList<>();
        for (TrainStage t : trains) {
            tables.add(t.newTable());
        }
        long rows = 0;
        for (int index : indexes) {
            Chunk in = chunks.read(new ChunkId(runId, stage.inputStage(), index));
            for (TrainingTable table : tables) {
                for (SourcedRecord r : in.rows()) {
                    table.add(r.record());
                }
            }
            chunks.write(new Chunk(in.id().inStage(stage.name()), stage.output(), in.sourceBlob(), in.rows()));
            rows += in.size();
        }
        List<TrainOutcome> outcomes = new ArrayList<>();
        List<StepStats> steps = new ArrayList<>();
        for (int i = 0; i < trains.length; i++) {
            outcomes.add(trains[i].fit(runId, tables.get(i)));
            tables.set(i, null); // let the table go before the next step trains
            steps.add(new StepStats(stepIds[i], rows, rows, 0, 0, Map.of(), Map.of()));
        }
        StageStats stats = new StageStats(stage.name(), rows, rows, 0, 0, steps, System.nanoTime() - start);
        return new TrainRun(stats, indexes.size(), outcomes);
    }

    /** The input stage's chunk indexes, checked to be 0..n-1 (the stage before wrote every chunk). */
    private List<Integer> inputChunks(String runId, ChunkStore chunks) {
        List<Integer> indexes = chunks.list(runId, stage.inputStage());
        for (int i = 0; i < indexes.size(); i++) {
            if (indexes.get(i) != i) {
                throw new DoeException("stage '" + stage.name() + "' reads every chunk of stage '" + stage.inputStage()
                        + "', but chunk " + i + " is missing (found " + indexes + "). Chunks of a finished stage are never "
                        + "deleted by DOE; retry the run from the start.");
            }
        }
        if (indexes.isEmpty()) {
            throw new DoeException("stage '" + stage.name() + "' found no chunks of stage '" + stage.inputStage()
                    + "' for run '" + runId + "'. Retry the run from the start.");
        }
        return indexes;
    }

    /** Processes one chunk through every step, resolving each score step's version per chunk (no pins). */
    public StageResult process(Chunk chunk) {
        return process(chunk, Map.of());
    }

    /**
     * Processes one chunk through every step of the stage: score steps add their predictions, train
     * steps pass rows through.
     *
     * @param versions registry versions pinned for the run per score step id; a step without one resolves
     *                 its own {@code version} for this chunk
     */
    public StageResult process(Chunk chunk, Map<String, Integer> versions) {
        long start = System.nanoTime();
        List<SourcedRecord> rows = chunk.rows();
        List<QuarantineEntry> rejected = new ArrayList<>();
        List<StepStats> stats = new ArrayList<>();
        for (int i = 0; i < stepIds.length; i++) {
            long in = rows.size();
            int before = rejected.size();
            if (scores[i] != null) {
                rows = scores[i].apply(rows, versions.get(stepIds[i]), rejected);
            }
            stats.add(new StepStats(stepIds[i], in, rows.size(), rejected.size() - before, 0, Map.of(), Map.of()));
        }
        StageStats s = new StageStats(stage.name(), chunk.size(), rows.size(), rejected.size(), 0, stats,
                System.nanoTime() - start);
        return new StageResult(new Chunk(chunk.id().inStage(stage.name()), stage.output(), chunk.sourceBlob(), rows),
                rejected, s);
    }
}
