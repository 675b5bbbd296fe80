package com.doe.worker;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkStore;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.train.TrainOutcome;
import com.doe.plan.MlStage;
import com.doe.plan.StageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@link MlStage} as the stage functions run it: score stages per chunk, train stages over the whole run. */
final class MlStages {

    private MlStages() {
    }

    static ChunkStage of(MlStage ml) {
        return ml.stage().wholeRun() ? new Training(ml) : new Scoring(ml);
    }

    /** Score steps, with the run's pinned versions. */
    private record Scoring(MlStage ml) implements ChunkStage {
        @Override
        public StageResult process(Chunk chunk) {
            return ml.process(chunk);
        }

        @Override
        public StageResult process(Chunk chunk, Map<String, Integer> modelVersions) {
            return ml.process(chunk, modelVersions);
        }
    }

    /** Train steps: one task reads every chunk; the outputs name the stored versions ({@code models/{name}/{version}}). */
    private record Training(MlStage ml) implements WholeRunStage {
        @Override
        public StageResult process(Chunk chunk) {
            return ml.process(chunk);
        }

        @Override
        public Result runWhole(String runId, ChunkStore chunks) {
            MlStage.TrainRun run = ml.trainRun(runId, chunks);
            List<String> outputs = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (TrainOutcome o : run.outcomes()) {
                outputs.add(ModelRegistry.CONTAINER + "/" + o.model() + "/" + o.version());
                if (o.warning() != null) {
                    warnings.add(o.warning());
                }
            }
            return new Result(run.stats(), run.chunks(), outputs, warnings);
        }
    }
}
