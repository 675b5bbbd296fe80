package com.doe.ml;

import com.doe.ml.score.ModelChecks;
import com.doe.ml.score.ModelSource;
import com.doe.ml.train.TrainStage;
import com.doe.pipeline.Pipeline;
import com.doe.pipeline.Problem;
import com.doe.pipeline.StepDefinition;
import com.doe.run.ModelUse;
import com.doe.step.ml.MlConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixes the model versions of a run when it starts, so that every chunk of the run uses the same ones:
 * <ul>
 *   <li>each {@code train} step reserves the registry version it will store, keyed by run and step
 *       ({@link com.doe.ml.registry.ModelRegistry#reserve}); a re-delivered start gets the same number;</li>
 *   <li>a {@code score} step on a model that an earlier train step of the pipeline trains, with version
 *       {@code latest}, is pinned to the version that run's train step stores (the nearest earlier one);</li>
 *   <li>any other registry {@code score} step is checked against its model ({@link ModelChecks}) and
 *       pinned to the version its {@code version} names now, so a promotion during the run changes
 *       nothing for it;</li>
 *   <li>uploaded ONNX files ({@code onnx}) have no registry version: they are listed without one.</li>
 * </ul>
 * A pipeline without ML steps reads nothing. Thread-safe.
 */
public final class RunModels {

    /**
     * The outcome for one run.
     *
     * @param problems why the run cannot start (unknown model, missing feature...), each with its step's
     *                 JSON pointer; empty when it can
     * @param uses     the models the run trains and scores with, in step order (empty with problems)
     */
    public record Resolution(List<Problem> problems, List<ModelUse> uses) {
        public Resolution {
            problems = List.copyOf(problems);
            uses = List.copyOf(uses);
        }

        /** Registry versions pinned per score step id. */
        public Map<String, Integer> pins() {
            return RunModels.pins(uses);
        }
    }

    private final ModelSource models;

    public RunModels(ModelSource models) {
        this.models = models;
    }

    /** Registry versions pinned per score step id, from a run's models. */
    public static Map<String, Integer> pins(List<ModelUse> uses) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ModelUse u : uses) {
            if (u.use().equals(ModelUse.SCORE) && u.version() != null) {
                out.put(u.stepId(), u.version());
            }
        }
        return out;
    }

    /**
     * Checks the pipeline's score steps and fixes the run's versions.
     *
     * @throws com.doe.RetryableException when the registry cannot be reached
     */
    public Resolution resolve(String runId, Pipeline pipeline) {
        List<StepDefinition> steps = pipeline.definition().steps();
        if (steps.stream().noneMatch(s -> s.config() instanceof MlConfig)) {
            return new Resolution(List.of(), List.of());
        }
        ModelChecks.Result checks = ModelChecks.check(pipeline, models);
        if (!checks.problems().isEmpty()) {
            return new Resolution(checks.problems(), List.of());
        }
        Map<String, Integer> trained = new HashMap<>();
        List<ModelUse> uses = new ArrayList<>();
        for (StepDefinition def : steps) {
            if (!(def.config() instanceof MlConfig c)) {
                continue;
            }
            if (c.type().equals("train")) {
                String model = TrainSpec.of(c.settings()).model();
                int version = models.registry().reserve(model, TrainStage.key(runId, def.id()));
                trained.put(model, version);
                uses.add(new ModelUse(def.id(), ModelUse.TRAIN, model, version));
                continue;
            }
            ScoreSpec spec = ScoreSpec.of(c.settings());
            if (spec.onnx() != null) {
                uses.add(new ModelUse(def.id(), ModelUse.SCORE, spec.onnx(), null));
            } else if (trained.containsKey(spec.model())) {
                boolean latest = spec.version() == null || spec.version().equals("latest");
                uses.add(new ModelUse(def.id(), ModelUse.SCORE, spec.model(),
                        latest ? trained.get(spec.model()) : Integer.valueOf(spec.version())));
            } else {
                uses.add(new ModelUse(def.id(), ModelUse.SCORE, spec.model(), checks.pins().get(def.id())));
            }
        }
        return new Resolution(List.of(), uses);
    }
}
