package com.doe.plan;

import com.doe.pipeline.Pipeline;
import com.doe.pipeline.StepDefinition;
import com.doe.step.KeyedRowStep;
import com.doe.step.StageKind;
import com.doe.step.clean.CleanConfig;
import com.doe.step.ml.MlConfig;
import com.doe.step.validate.Check;
import com.doe.step.validate.Rule;
import com.doe.step.validate.ValidateConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a pipeline's steps into stages: consecutive row-wise steps fuse into one {@code transform}
 * stage, consecutive sinks into one {@code load} stage, consecutive {@code score} steps into one
 * per-chunk {@code ml} stage, and consecutive {@code train} steps into one whole-run {@code ml} stage
 * ({@link Stage#wholeRun()}: one task reads every chunk of the run once, feeding each step's trainer,
 * and passes the rows through). A train step never shares a stage with a score step, so a score step
 * after a train step always runs in a later stage, on the version the run trained. Stage names are
 * {@code kind-n}, numbered from 1 in order.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(Pipeline pipeline) {
        List<Stage> stages = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        List<StepDefinition> steps = pipeline.definition().steps();
        int i = 0;
        String previous = Plan.INGEST;
        while (i < steps.size()) {
            StageKind kind = steps.get(i).stage();
            boolean trains = trains(steps.get(i));
            int start = i;
            List<Integer> members = new ArrayList<>();
            while (i < steps.size() && steps.get(i).stage() == kind && trains(steps.get(i)) == trains) {
                members.add(i);
                scopes.addAll(scopesOf(steps.get(i)));
                i++;
            }
            String name = kind.text() + "-" + (stages.size() + 1);
            stages.add(new Stage(name, kind, members, pipeline.inputOf(start), pipeline.outputOf(i - 1), previous,
                    trains));
            previous = name;
        }
        return new Plan(pipeline.id(), pipeline.definition().version(), stages, scopes);
    }

    /** Whether the step learns from the whole run's rows. */
    private static boolean trains(StepDefinition step) {
        return step.config() instanceof MlConfig c && c.type().equals("train");
    }

    /** Same naming as the row steps' {@link KeyedRowStep#scopes()}. */
    private static List<String> scopesOf(StepDefinition step) {
        List<String> out = new ArrayList<>();
        if (step.config() instanceof CleanConfig c && !c.dedupeBy().isEmpty()) {
            out.add(step.id() + "/dedupeBy/" + String.join(",", c.dedupeBy()));
        }
        if (step.config() instanceof ValidateConfig v) {
            for (Rule r : v.rules()) {
                if (r.check() instanceof Check.Unique) {
                    out.add(step.id() + "/unique/" + r.field());
                }
            }
        }
        return out;
    }
}
