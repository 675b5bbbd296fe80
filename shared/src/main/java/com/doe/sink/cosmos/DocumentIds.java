package com.doe.sink.cosmos;

import com.doe.quarantine.SourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Document ids: from fields, or derived from where the row came from. Stateless. */
public final class DocumentIds {

    /** Cosmos DB's limit on the length of an id. */
    public static final int MAX_LENGTH = 255;

    private DocumentIds() {
    }

    /**
     * A deterministic id for a row without id fields: the first 32 hex digits of SHA-256 over the source
     * blob and the row's position in it (line for text formats, record index for binary ones). The same
     * row of the same file always gets the same id, in any run, so re-loading a file overwrites its
     * documents instead of duplicating them.
     */
    public static String fromSource(SourceRef source) {
        String text = source.blob() + "\n" + (source.line() != null ? "line " + source.line() : "record " + source.record());
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why {@code id} cannot be a Cosmos DB document id, or null when it can. */
    public static String problem(String id) {
        if (id.isEmpty()) {
            return "the document id is empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "the document id has " + id.length() + " characters; Cosmos DB allows at most " + MAX_LENGTH;
        }
        for (char c : new char[] {'/', '\\', '?', '#'}) {
            if (id.indexOf(c) >= 0) {
                return "the document id '" + id + "' contains '" + c + "', which Cosmos DB does not allow in ids "
                        + "(/, \\, ? and # are refused)";
            }
        }
        return null;
    }
}
