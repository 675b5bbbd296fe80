package com.doe.ml.registry;

import java.util.List;

/**
 * What the registry records about an uploaded ONNX model's file, in its manifest.
 *
 * @param sha256       SHA-256 of {@code model.onnx}, lower-case hex
 * @param bytes        its size
 * @param producer     the producer the file names (e.g. {@code skl2onnx}), or null
 * @param inputTensors the model's input tensors, in the order of the columns they take
 * @param scoreOutput  the output read as the score, or null
 * @param labelOutput  the output read as the label, or null
 */
public record UploadedOnnx(String sha256, long bytes, String producer, List<String> inputTensors, String scoreOutput,
                           String labelOutput) {

    public UploadedOnnx {
        inputTensors = inputTensors == null ? List.of() : List.copyOf(inputTensors);
    }
}
