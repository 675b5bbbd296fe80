package com.doe.schema;

import java.util.List;

/**
 * The answer to "may this schema join the subject?", without registering it.
 *
 * @param subject the subject checked
 * @param mode the mode applied (the subject's own, or the global default)
 * @param existingVersion the version holding exactly this schema already, 0 when none
 * @param problems why not; empty when compatible
 */
public record CompatibilityReport(String subject, CompatibilityMode mode, int existingVersion,
        List<CompatibilityProblem> problems) {

    public CompatibilityReport {
        problems = List.copyOf(problems);
    }

    public boolean compatible() {
        return problems.isEmpty();
    }

    /** The problems as lines, for an API answer. */
    public List<String> reasons() {
        return problems.stream().map(CompatibilityProblem::message).toList();
    }
}
