package com.doe.orchestration;

import com.doe.pipeline.Pipeline;
import com.doe.plan.Plan;
import com.doe.plan.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * One stage of a run as the orchestration sees it.
 *
 * @param index      1 for the first stage after ingest (0 is ingest), as in {@code StageRecord.index}
 * @param name       the stage name, e.g. {@code transform-1}; names its chunks and progress markers
 * @param kind       {@code transform}, {@code ml} or {@code load}: which function serves it
 * @param steps      the ids of the steps the stage runs
 * @param inputStage the stage whose chunks it reads ({@code ingest} for the first)
 * @param wholeRun   true when the stage runs once over all input chunks (one task, e.g. training)
 *                   rather than once per chunk
 */
public record StagePlan(int index, String name, String kind, List<String> steps, String inputStage, boolean wholeRun) {

    public StagePlan {
        steps = List.copyOf(steps);
    }

    /** The stages of {@code plan}, every one per chunk. */
    public static List<StagePlan> of(Pipeline pipeline, Plan plan) {
        List<StagePlan> out = new ArrayList<>();
        for (Stage s : plan.stages()) {
            List<String> ids = s.steps().stream().map(i -> pipeline.definition().steps().get(i).id()).toList();
            out.add(new StagePlan(out.size() + 1, s.name(), s.kind().text(), ids, s.inputStage(), false));
        }
        return out;
    }

    /** How many tasks the stage has in a run whose ingest wrote {@code ingestChunks} chunks. */
    public int tasks(int ingestChunks) {
        return wholeRun ? 1 : ingestChunks;
    }
}
