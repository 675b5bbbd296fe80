package com.doe.run;

/**
 * Which runs to list, newest first.
 *
 * @param pipelineId only this pipeline's runs, or null for all
 * @param status     only runs with this status, or null for all
 * @param limit      at most this many (1..1000)
 */
public record RunQuery(String pipelineId, RunStatus status, int limit) {

    public RunQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
    }
}
