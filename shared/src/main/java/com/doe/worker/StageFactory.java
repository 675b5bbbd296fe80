package com.doe.worker;

import com.doe.ml.score.ModelSource;
import com.doe.pipeline.Pipeline;
import com.doe.plan.LoadStage;
import com.doe.plan.MlStage;
import com.doe.plan.Stage;
import com.doe.plan.TransformStage;
import com.doe.sink.RunContext;
import com.doe.sink.SinkFactory;
import com.doe.step.StepServices;
import com.doe.step.keys.KeyClaimStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Function;

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
     * {@code ml} stages: per chunk for {@code score} steps, with the versions pinned for the run (a step
     * without a pin resolves its version per chunk); a {@link WholeRunStage} for {@code train} steps.
     */
    static StageFactory ml(ModelSource models, Clock clock) {
        return (pipeline, stage) -> MlStages.of(new MlStage(pipeline, stage, models, clock));
    }

    /**
     * {@code load} stages: every sink of the stage in order. The run date (for Blob paths) is the UTC
     * date the run started, so a chunk re-delivered on a later day writes to the same place.
     */
    static StageFactory load(SinkFactory sinks, Function<String, LocalDate> runDates) {
        return (pipeline, stage) -> {
            LoadStage load = new LoadStage(pipeline, stage, sinks);
            return chunk -> load.process(new RunContext(pipeline.id(), chunk.id().runId(),
                    runDates.apply(chunk.id().runId())), chunk).stage();
        };
    }
}
