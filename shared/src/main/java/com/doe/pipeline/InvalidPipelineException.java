package com.doe.pipeline;

import com.doe.DoeException;
import java.util.List;
import java.util.stream.Collectors;

/** A definition has problems; the message lists every one with its JSON pointer and fix. */
public final class InvalidPipelineException extends DoeException {

    private final List<Problem> problems;

    public InvalidPipelineException(String pipelineId, List<Problem> problems) {
        super("Pipeline '" + (pipelineId == null ? "?" : pipelineId) + "' has " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + ":\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
