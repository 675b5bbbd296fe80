package com.doe.ml;

import com.doe.DoeException;

/** A model, version or ONNX blob that the registry does not have. Permanent: retrying does not help. */
public class ModelNotFoundException extends DoeException {

    public ModelNotFoundException(String message) {
        super(message);
    }
}
