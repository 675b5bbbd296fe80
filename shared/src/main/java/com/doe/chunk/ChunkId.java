package com.doe.chunk;

/**
 * Names a chunk: the unit of work between stages.
 *
 * @param runId the run
 * @param stage the stage that produced the chunk ({@code ingest}, {@code transform-1}, ...)
 * @param index 0-based position of the chunk in the source order
 */
public record ChunkId(String runId, String stage, int index) {

    /** {@code {runId}/{stage}/{chunk}.avro} with the chunk number zero-padded to 5 digits. */
    public String path() {
        return runId + "/" + stage + "/" + String.format("%05d", index) + ".avro";
    }

    /** The same chunk position in another stage. */
    public ChunkId inStage(String otherStage) {
        return new ChunkId(runId, otherStage, index);
    }
}
