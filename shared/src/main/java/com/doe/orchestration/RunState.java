package com.doe.orchestration;

import java.util.ArrayList;
import java.util.List;

/**
 * The orchestration's input for one execution: the run, the stages finished so far, and the index
 * of the stage to run next. Each execution runs one stage and continues as new with the next state,
 * so history holds one stage's events at a time.
 *
 * @param next      the index of the stage to run (1..n)
 * @param completed the finished stages, in order
 */
public record RunState(RunInput input, int next, List<StageSummary> completed) {

    public RunState {
        completed = List.copyOf(completed);
    }

    /** The state of a run that has not started a stage yet. */
    public static RunState start(RunInput input) {
        return new RunState(input, 1, List.of());
    }

    public StagePlan stage() {
        return input.stages().get(next - 1);
    }

    /** The state after the current stage finished with {@code summary}. */
    public RunState after(StageSummary summary) {
        List<StageSummary> done = new ArrayList<>(completed);
        done.add(summary);
        return new RunState(input, next + 1, done);
    }
}
