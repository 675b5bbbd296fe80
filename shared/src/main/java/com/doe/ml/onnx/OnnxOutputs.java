package com.doe.ml.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import com.doe.ml.InvalidModelException;
import java.util.Map;

/**
 * The outputs DOE reads from a user's ONNX model: the score is the first float or double tensor
 * output; the label is the first string or int64 tensor output of one value per row. Sequences and
 * maps (a classifier's ZipMap) are not read.
 *
 * @param score the score output's name, or null when the model has none
 * @param label the label output's name, or null when the model has none
 */
public record OnnxOutputs(String score, String label) {

    /** @throws InvalidModelException when the model has neither a score nor a label output */
    public static OnnxOutputs of(OnnxModel model, String description) {
        String score = null;
        String label = null;
        for (Map.Entry<String, NodeInfo> e : model.outputs().entrySet()) {
            if (!(e.getValue().getInfo() instanceof TensorInfo t)) {
                continue;
            }
            boolean oneColumn = t.getShape().length == 1 || (t.getShape().length == 2 && t.getShape()[1] == 1);
            if (score == null && (t.type == OnnxJavaType.FLOAT || t.type == OnnxJavaType.DOUBLE)) {
                score = e.getKey();
            } else if (label == null && oneColumn && (t.type == OnnxJavaType.STRING || t.type == OnnxJavaType.INT64)) {
                label = e.getKey();
            }
        }
        if (score == null && label == null) {
            throw new InvalidModelException(description + " has no float, double, integer or string tensor output "
                    + "(outputs: " + model.outputs().keySet() + "). DOE reads a score tensor of shape [rows] or "
                    + "[rows, classes]; export the model without a ZipMap or sequence output (skl2onnx: "
                    + "options={'zipmap': False}).");
        }
        return new OnnxOutputs(score, label);
    }
}
