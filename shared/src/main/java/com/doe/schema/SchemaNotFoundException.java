package com.doe.schema;

import com.doe.DoeException;

/** A subject, a version of a subject, or a fingerprint is not registered. Permanent. */
public class SchemaNotFoundException extends DoeException {

    public SchemaNotFoundException(String message) {
        super(message);
    }
}
