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
     * Moves the file aside with {@code reason} attached: a copy, then the landed original is
     * removed unless a newer version replaced it meanwhile.
     *
     * @return where the copy is, as {@code landing-rejected/{container}/{name}}
     */
    String setAside(LandedBlob blob, String runId, String reason);
}
