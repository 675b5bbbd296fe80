package com.doe.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Run ids are derived, not drawn: the same pipeline, blob name and ETag always give the same id, so
 * a duplicate blob trigger finds the run it already started, while a changed file (new ETag) is a
 * new run. The id is also the durable orchestration's instance id and a Blob path segment, so it
 * holds only {@code [a-z0-9-]}.
 */
public final class RunIds {

    private RunIds() {
    }

    /** {@code <pipelineId>-<20 hex digits of SHA-256(pipelineId, blob, etag)>}. */
    public static String of(String pipelineId, String blobName, String etag) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {pipelineId, blobName, etag}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return pipelineId + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
