package com.doe.schema;

import com.doe.DoeException;
import java.util.List;

/**
 * A schema was refused because it breaks the subject's compatibility mode. The message has one
 * line per problem; {@link #problems()} has them as values. Permanent: change the schema or,
 * deliberately, the subject's mode.
 */
public class IncompatibleSchemaException extends DoeException {

    private final String subject;
    private final CompatibilityMode mode;
    private final List<CompatibilityProblem> problems;

    public IncompatibleSchemaException(String subject, CompatibilityMode mode, List<CompatibilityProblem> problems) {
        super(message(subject, mode, problems));
        this.subject = subject;
        this.mode = mode;
        this.problems = List.copyOf(problems);
    }

    private static String message(String subject, CompatibilityMode mode, List<CompatibilityProblem> problems) {
        StringBuilder text = new StringBuilder("Schema refused for subject '").append(subject).append("' under ")
                .append(mode).append(" (").append(mode.rule()).append("):");
        for (CompatibilityProblem problem : problems) {
            text.append("\n- ").append(problem.message());
        }
        return text.toString();
    }

    public String subject() {
        return subject;
    }

    public CompatibilityMode mode() {
        return mode;
    }

    /** The reasons, never empty. */
    public List<CompatibilityProblem> problems() {
        return problems;
    }

    /** The reasons as lines, for an API answer. */
    public List<String> reasons() {
        return problems.stream().map(CompatibilityProblem::message).toList();
    }
}
