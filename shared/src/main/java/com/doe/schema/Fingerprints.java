package com.doe.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The two identities of a schema. The <em>fingerprint</em> (CRC-64-AVRO of the parsing canonical
 * form) is what single-object encoding writes in each event: it ignores docs and defaults, which
 * do not matter to a writer. The <em>content id</em> (SHA-256 of the full schema JSON) tells
 * versions apart: adding a default is a new version with the same fingerprint.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** CRC-64-AVRO fingerprint of the parsing canonical form, as in the single-object header. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The fingerprint as 16 hexadecimal digits (unsigned, most significant first). */
    public static String toHex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    /**
     * Parses 16 hexadecimal digits.
     *
     * @throws InvalidSchemaException when the text is not a fingerprint
     */
    public static long fromHex(String hex) {
        try {
            if (hex.length() != 16) {
                throw new NumberFormatException("length " + hex.length());
            }
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new InvalidSchemaException("'" + hex + "' is not a schema fingerprint: expected 16 hexadecimal digits.");
        }
    }

    /** SHA-256 of the schema's full JSON (docs and defaults included), in hexadecimal. */
    public static String contentId(Schema schema) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(schema.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }
}
