package com.doe.schema;

import com.doe.DoeException;

/**
 * A request to the registry is malformed: schema text that is not valid Avro, a subject name
 * that cannot be stored, an unknown compatibility mode. Permanent: fix the request.
 */
public class InvalidSchemaException extends DoeException {

    public InvalidSchemaException(String message) {
        super(message);
    }

    public InvalidSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
