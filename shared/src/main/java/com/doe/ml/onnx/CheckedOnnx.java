package com.doe.ml.onnx;

import com.doe.ml.Task;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A user's ONNX model that passed {@link OnnxUploadCheck}: ONNX Runtime loads and runs it on the
 * declared inputs, and its outputs fit the declared task. Only the check makes one, so holding one
 * means the model can be scored. Immutable; {@link #bytes()} is shared, not copied: do not modify it.
 */
public final class CheckedOnnx {

    private final byte[] bytes;
    private final String sha256;
    private final List<String> inputs;
    private final Task task;
    private final List<String> labels;
    private final String producer;
    private final List<String> inputTensors;
    private final OnnxOutputs outputs;
    private final List<String> warnings;

    CheckedOnnx(byte[] bytes, String sha256, List<String> inputs, Task task, List<String> labels, String producer,
                List<String> inputTensors, OnnxOutputs outputs, List<String> warnings) {
        this.bytes = bytes;
        this.sha256 = sha256;
        this.inputs = List.copyOf(inputs);
        this.task = task;
        this.labels = List.copyOf(labels);
        this.producer = producer;
        this.inputTensors = List.copyOf(inputTensors);
        this.outputs = outputs;
        this.warnings = List.copyOf(warnings);
    }

    /** The model file. */
    public byte[] bytes() {
        return bytes;
    }

    /** SHA-256 of the file, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /** The fields fed to the model, in its column order. */
    public List<String> inputs() {
        return inputs;
    }

    public Task task() {
        return task;
    }

    /** Classification models without a label output: class names in the score's column order; else empty. */
    public List<String> labels() {
        return labels;
    }

    /** The producer the file names (e.g. {@code skl2onnx}), or null. */
    public String producer() {
        return producer;
    }

    /** The model's input tensors, in the order of the columns they take. */
    public List<String> inputTensors() {
        return inputTensors;
    }

    /** The outputs scoring reads. */
    public OnnxOutputs outputs() {
        return outputs;
    }

    /** SHA-256 (hex) of the file together with its declared inputs, task and labels: same file, same use. */
    public String identity() {
        String declared = sha256 + "|" + task.text() + "|" + String.join(",", inputs) + "|" + String.join(",", labels);
        return sha256(declared.getBytes(StandardCharsets.UTF_8));
    }

    /** What the caller should know but is not wrong, e.g. labels that will be column numbers. */
    public List<String> warnings() {
        return warnings;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
