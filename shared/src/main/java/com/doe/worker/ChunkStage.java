package com.doe.worker;

import com.doe.chunk.Chunk;
import com.doe.plan.StageResult;
import java.util.Map;

/**
 * One compiled stage of a pipeline version, applied to one chunk at a time: what the stage functions
 * run. {@code TransformStage::process} and {@code MlStage::process} are chunk stages; a {@code load}
 * stage plugs in the same way. A stage that runs once over the whole run is a {@link WholeRunStage}.
 *
 * <p>Contract: the input chunk is never mutated; processing the same chunk again gives the same
 * result (output rows, rejections), so redelivered tasks write the same bytes; implementations are
 * thread-safe. Bad rows are rejections in the result, not exceptions: a throw means broken
 * infrastructure or configuration ({@link com.doe.RetryableException} when it may pass later).
 */
@FunctionalInterface
public interface ChunkStage {

    StageResult process(Chunk chunk);

    /**
     * Processes a chunk of a run whose model versions are pinned ({@code StageTask.modelVersions}).
     * Stages without score steps ignore the versions.
     *
     * @param modelVersions registry versions per score step id of the stage
     */
    default StageResult process(Chunk chunk, Map<String, Integer> modelVersions) {
        return process(chunk);
    }
}
