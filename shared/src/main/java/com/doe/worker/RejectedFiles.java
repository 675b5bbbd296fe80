package com.doe.worker;

/**
 * Where landed files that cannot run are set aside, so that no file is dropped silently: the
 * {@code landing-rejected} container ({@link BlobRejectedFiles}), or memory in tests
 * ({@link InMemoryRejectedFiles}). Setting the same file aside again overwrites the copy with the
 * same content. Implementations are thread-safe.
 */
public interface RejectedFiles {

    /** The container that receives the copies. */
    String CONTAINER = "landing-rejected";

    /**
     * Copies the file with {@code reason} attached.
     *
     * @return where the copy is, as {@code landing-rejected/{container}/{name}}
     */
    String setAside(LandedBlob blob, String runId, String reason);
}
