package com.doe.ml.score;

import com.doe.DoeException;
import com.doe.format.DatasetSchema;
import com.doe.ml.ScoreSpec;
import com.doe.ml.Task;
import com.doe.ml.TrainSpec;
import com.doe.ml.train.FeatureEncoder;
import com.doe.pipeline.Pipeline;
import com.doe.pipeline.Problem;
import com.doe.pipeline.StepDefinition;
import com.doe.step.ml.MlConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a pipeline's score steps against the models they will use, before a run starts: the model or
 * ONNX file exists and loads, and every feature is in the rows with a usable type. A model trained by
 * an earlier {@code train} step of the same pipeline is checked against that step's features. Also
 * pins the registry version each score step uses for the run. Thread-safe.
 */
public final class ModelChecks {

    /** The problems found (empty when the run may start) and the versions to pin per score step id. */
    public record Result(List<Problem> problems, Map<String, Integer> pins) {
        public Result {
            problems = List.copyOf(problems);
            pins = Map.copyOf(pins);
        }
    }

    private ModelChecks() {
    }

    public static Result check(Pipeline pipeline, ModelSource models) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> pins = new LinkedHashMap<>();
        Map<String, TrainSpec> trainedHere = new HashMap<>();
        for (int i = 0; i < pipeline.stepCount(); i++) {
            StepDefinition def = pipeline.definition().steps().get(i);
            if (!(def.config() instanceof MlConfig c)) {
                continue;
            }
            String pointer = "/steps/" + i;
            String who = "Step '" + def.id() + "' (score)";
            if (c.type().equals("train")) {
                TrainSpec t = TrainSpec.of(c.settings());
                trainedHere.put(t.model(), t);
                continue;
            }
            ScoreSpec spec = ScoreSpec.of(c.settings());
            DatasetSchema input = pipeline.inputOf(i);
            TrainSpec earlier = spec.model() == null ? null : trainedHere.get(spec.model());
            if (earlier != null) {
                checkTask(earlier.task(), spec, pointer, who, problems);
                for (String f : earlier.numeric()) {
                    String p = FeatureEncoder.numericProblem(f, input);
                    if (p != null) {
                        problems.add(new Problem(pointer, who + ": " + p + " (model '" + spec.model() + "' is trained by step earlier in this pipeline).",
                                "Keep the model's features in the rows up to this step, with numeric types."));
                    }
                }
                earlier.categorical().stream().filter(f -> !input.has(f)).forEach(f -> problems.add(new Problem(pointer,
                        who + ": categorical feature '" + f + "' of model '" + spec.model() + "' is missing from the rows.",
                        "Keep the model's features in the rows up to this step.")));
                continue;
            }
            try {
                ScoringModel m = models.load(spec, null);
                Task task = m.manifest() != null && m.manifest().task() != null ? Task.parse(m.manifest().task()) : null;
                if (m.manifest() != null && spec.model() != null) {
                    pins.put(def.id(), m.manifest().version());
                    if (task != null) {
                        checkTask(task, spec, pointer, who, problems);
                    }
                }
                checkOutputs(m, task, spec, pointer, who, problems);
                List<String> missing = m.features() != null ? FeatureEncoder.problems(m.features(), input)
                        : m.inputs().stream().map(f -> FeatureEncoder.numericProblem(f, input)).filter(p -> p != null).toList();
                for (String p : missing) {
                    problems.add(new Problem(pointer, who + ": " + p + ", which " + m.description() + " needs.",
                            "Add or keep the field (with a numeric type for numeric features) before this step, "
                                    + "or score with a model trained on the fields the rows have."));
                }
            } catch (DoeException e) {
                if (e.isRetryable()) {
                    throw e;
                }
                problems.add(new Problem(pointer + (spec.onnx() != null ? "/onnx" : "/model"), who + ": " + e.getMessage(),
                        spec.onnx() != null ? "Upload a valid ONNX file at that path, or fix the path."
                                : "Train or upload the model first, or fix its name or version."));
            }
        }
        return new Result(problems, pins);
    }

    /** An output field the model cannot fill would be left empty on every row: refuse it before the run. */
    private static void checkOutputs(ScoringModel m, Task task, ScoreSpec spec, String pointer, String who,
                                     List<Problem> problems) {
        if (spec.scoreField() != null && !m.scorer().givesScores()) {
            problems.add(new Problem(pointer + "/output/score", who + ": " + m.description() + " has no score output "
                    + "(no float tensor; a ZipMap of probabilities is not read).", "Use output.label only, or export the "
                    + "model with its probabilities as a float tensor (skl2onnx: options={'zipmap': False})."));
        }
        if (spec.labelField() != null && task != Task.REGRESSION && !m.scorer().givesLabels()) {
            problems.add(new Problem(pointer + "/output/label", who + ": " + m.description() + " has no label output "
                    + "and a single score column, so it predicts no label.", "Use output.score only."));
        }
    }

    private static void checkTask(Task task, ScoreSpec spec, String pointer, String who, List<Problem> problems) {
        if (task == Task.REGRESSION && spec.labelField() != null) {
            problems.add(new Problem(pointer + "/output/label", who + ": a regression model predicts a number, "
                    + "not a label.", "Use output.score only."));
        }
    }
}
