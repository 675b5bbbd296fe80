package com.doe.schema;

import org.apache.avro.Schema;

/**
 * One immutable version of a subject.
 *
 * @param subject the subject name
 * @param version 1 for the first version, then consecutive
 * @param fingerprint CRC-64-AVRO fingerprint of the schema's parsing canonical form, as written in
 *     every single-object encoded event
 * @param schema the schema as registered
 */
public record RegisteredSchema(String subject, int version, long fingerprint, Schema schema) {

    /** The fingerprint as 16 hexadecimal digits, as the API shows it. */
    public String fingerprintHex() {
        return Fingerprints.toHex(fingerprint);
    }
}
