package com.doe.catalog;

import com.doe.pipeline.Problem;

import java.util.List;

/** What saving a definition did. The HTTP API maps each case to its status code. */
public sealed interface SaveOutcome {

    /** A new version was stored and made active (201). */
    record Created(PipelineVersion version) implements SaveOutcome {
    }

    /** The definition equals the active version: nothing was stored (200). */
    record Unchanged(PipelineVersion version) implements SaveOutcome {
    }

    /** The definition has problems, each with its JSON pointer and fix; nothing was stored (400). */
    record Invalid(List<Problem> problems) implements SaveOutcome {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /**
     * The pipeline's output rows changed in a way its dataset subject's compatibility mode forbids;
     * nothing was stored (409).
     */
    record Incompatible(String subject, String mode, List<String> reasons) implements SaveOutcome {
        public Incompatible {
            reasons = List.copyOf(reasons);
        }
    }
}
