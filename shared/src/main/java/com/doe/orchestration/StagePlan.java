package com.doe.orchestration;

import com.doe.pipeline.Pipeline;
import com.doe.plan.Plan;
import com.doe.plan.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * @param models     registry model versions pinned for the run, per score step id of this stage (fixed
 *                   when the run started); every task of the stage carries them. Empty when the stage
 *                   scores nothing, and in runs started before versions were pinned.
 */
public record StagePlan(int index, String name, String kind, List<String> steps, String inputStage, boolean wholeRun,
                        Map<String, Integer> models) {

    public StagePlan {
        steps = List.copyOf(steps);
        models = models == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(models));
    }

    /** A stage without pinned model versions. */
    public StagePlan(int index, String name, String kind, List<String> steps, String inputStage, boolean wholeRun) {
        this(index, name, kind, steps, inputStage, wholeRun, Map.of());
    }

    /** The stages of {@code plan}, without pinned model versions. */
    public static List<StagePlan> of(Pipeline pipeline, Plan plan) {
        return of(pipeline, plan, Map.of());
    }

    /**
     * The stages of {@code plan}, each whole-run or per chunk as planned.
     *
     * @param pins registry versions pinned for the run per score step id; each stage keeps its own steps'
     */
    public static List<StagePlan> of(Pipeline pipeline, Plan plan, Map<String, Integer> pins) {
        List<StagePlan> out = new ArrayList<>();
        for (Stage s : plan.stages()) {
            List<String> ids = s.steps().stream().map(i -> pipeline.definition().steps().get(i).id()).toList();
            Map<String, Integer> models = new HashMap<>();
            ids.stream().filter(pins::containsKey).forEach(id -> models.put(id, pins.get(id)));
            out.add(new StagePlan(out.size() + 1, s.name(), s.kind().text(), ids, s.inputStage(), s.wholeRun(), models));
        }
        return out;
    }

    /** How many tasks the stage has in a run whose ingest wrote {@code ingestChunks} chunks. */
    public int tasks(int ingestChunks) {
        return wholeRun ? 1 : ingestChunks;
    }
}
