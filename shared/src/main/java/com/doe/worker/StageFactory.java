package com.doe.worker;

import com.doe.ml.score.ModelSource;
import com.doe.pipeline.Pipeline;
import com.doe.plan.MlStage;
import com.doe.plan.Stage;
import com.doe.plan.TransformStage;
import com.doe.step.StepServices;
import com.doe.step.keys.KeyClaimStore;
import java.time.Clock;
import java.util.Map;

/**
 * Builds the {@link ChunkStage} of one kind of stage for a compiled pipeline version. Called once
 * per (pipeline, version, stage) by {@link CompiledPipelines}; the result is cached and shared.
 */
@FunctionalInterface
public interface StageFactory {

    ChunkStage build(Pipeline pipeline, Stage stage);

    /** {@code transform} stages: the fused row-wise steps, with their run-wide key store. */
    static StageFactory transform(StepServices services, KeyClaimStore keys) {
        return (pipeline, stage) -> new TransformStage(pipeline, stage, services, keys)::process;
    }

    /**
     * {@code ml} stages, per chunk: {@code score} steps add their predictions, {@code train} steps pass
     * rows through. Score steps without a pinned version resolve theirs per chunk.
     */
    static StageFactory ml(ModelSource models, Clock clock) {
        return (pipeline, stage) -> new MlStage(pipeline, stage, models, Map.of(), clock)::process;
    }
}
