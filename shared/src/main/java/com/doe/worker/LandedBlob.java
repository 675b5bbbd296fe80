package com.doe.worker;

import com.doe.format.SourceFile;
import java.util.Objects;

/**
 * A file that arrived in the landing container at {@code {pipelineId}/{name}}.
 *
 * @param container the landing container
 * @param name      the blob name within it, starting with the pipeline id
 * @param etag      the ETag of the version that triggered (a changed file is a new run)
 * @param file      opens the blob's content; read once while ingesting
 */
public record LandedBlob(String container, String name, String etag, SourceFile file) {

    public LandedBlob {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(file, "file");
    }

    /** The first path segment of the name; empty when the blob is not in a pipeline's folder. */
    public String pipelineId() {
        int slash = name.indexOf('/');
        return slash <= 0 ? "" : name.substring(0, slash);
    }

    /** {@code container/name}, as named in messages and the run record. */
    public String describe() {
        return container + "/" + name;
    }
}
