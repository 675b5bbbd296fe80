package com.doe.ml;

import com.doe.DoeException;

/**
 * A model file that cannot be used: not a valid ONNX or Tribuo model, or not shaped like its inputs
 * and outputs say. Permanent: the file has to be replaced.
 */
public class InvalidModelException extends DoeException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
