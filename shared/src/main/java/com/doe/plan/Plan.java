package com.doe.plan;

import java.util.List;

/**
 * How a pipeline runs: the ingest stage (reading the file into chunks) followed by the stages.
 *
 * @param pipelineId the pipeline
 * @param version    the definition's version fingerprint
 * @param stages     the stages after ingest, in order
 * @param keyScopes  the run-wide key scopes ({@code unique} and {@code dedupeBy}) kept in the key store
 */
public record Plan(String pipelineId, String version, List<Stage> stages, List<String> keyScopes) {

    /** The name of the first stage, which reads the source file into chunks. */
    public static final String INGEST = "ingest";

    public Plan {
        stages = List.copyOf(stages);
        keyScopes = List.copyOf(keyScopes);
    }

    /** The stage of that name. */
    public Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + name + " in " + stages));
    }
}
