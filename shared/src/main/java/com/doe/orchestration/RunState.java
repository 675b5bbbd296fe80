package com.doe.orchestration;

import java.util.ArrayList;
import java.util.List;

/**
 * The orchestration's input for one execution: the run, the stages finished so far, and the index
 * of the stage to run next. Each execution runs one stage and continues as new with the next state,
 * so history holds one stage's events at a time.
 *
 * @param next           the index of the stage to run (1..n)
 * @param completed      the finished stages, in order
 * @param attemptsBefore dispatches of stage {@code next} made before this execution by earlier tries of
 *                       the run (0 unless the run was retried): this execution numbers its dispatches
 *                       from {@code attemptsBefore + 1}, so task event ids and {@code _failed/} markers
 *                       of earlier dispatches never answer for new ones, and it has {@code maxAttempts}
 *                       dispatches of its own
 */
public record RunState(RunInput input, int next, List<StageSummary> completed, int attemptsBefore) {

    public RunState {
        completed = List.copyOf(completed);
        if (attemptsBefore < 0) {
            throw new IllegalArgumentException("attemptsBefore must not be negative: " + attemptsBefore);
        }
    }

    /** A state whose stage has not been dispatched before. */
    public RunState(RunInput input, int next, List<StageSummary> completed) {
        this(input, next, completed, 0);
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

    /**
     * The state a retry starts from: this (the last execution's) state, running stage {@code next}
     * again after the {@code attempts} dispatches the run has made of it so far.
     */
    public RunState retried(int attempts) {
        return new RunState(input, next, completed, attempts);
    }
}
