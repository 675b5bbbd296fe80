package com.doe.ml.score;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.TensorInfo;
import com.doe.ml.Task;
import com.doe.ml.onnx.OnnxModel;
import com.doe.ml.onnx.OnnxOutputs;
import com.doe.ml.train.FeatureSpec;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Scores with ONNX Runtime, a batch per call. Two kinds of model:
 * <ul>
 *   <li>exported by DOE from Tribuo: classification reads the probability columns (label = the most
 *       probable class, score = its probability); regression reads the one value and maps it back to
 *       the target's units;</li>
 *   <li>uploaded by users: the score is the first numeric tensor output (its only column, or the
 *       largest column, whose index, or the class named for it, is then the label); a string or
 *       integer tensor output of one value per row, if any, is the label.</li>
 * </ul>
 * Thread-safe.
 */
public final class OnnxScorer implements Scorer {

    private final OnnxModel model;
    private final Task task;
    private final List<String> labels;
    private final FeatureSpec features;
    private final String scoreOutput;
    private final String labelOutput;

    private OnnxScorer(OnnxModel model, Task task, List<String> labels, FeatureSpec features, String scoreOutput,
                       String labelOutput) {
        this.model = model;
        this.task = task;
        this.labels = List.copyOf(labels);
        this.features = features;
        this.scoreOutput = scoreOutput;
        this.labelOutput = labelOutput;
    }

    /** A Tribuo model DOE exported (classification with {@code labels} in output order, or regression). */
    public static OnnxScorer exported(OnnxModel model, Task task, List<String> labels, FeatureSpec features) {
        return new OnnxScorer(model, task, labels, features, null, null);
    }

    /**
     * A user's model: reads the outputs {@link OnnxOutputs} picks. With {@code labels} (classification
     * models without a label output), the label is the class named for the score's largest column.
     */
    public static OnnxScorer uploaded(OnnxModel model, String description, List<String> labels) {
        OnnxOutputs outputs = OnnxOutputs.of(model, description);
        return new OnnxScorer(model, null, outputs.label() == null ? labels : List.of(), null, outputs.score(),
                outputs.label());
    }

    @Override
    public boolean givesScores() {
        return task != null || scoreOutput != null;
    }

    @Override
    public boolean givesLabels() {
        if (task != null) {
            return task == Task.CLASSIFICATION;
        }
        if (labelOutput != null || !labels.isEmpty() || scoreOutput == null) {
            return true;
        }
        long[] shape = ((TensorInfo) model.outputs().get(scoreOutput).getInfo()).getShape();
        return shape.length == 2 && shape[1] != 1;
    }

    @Override
    public int width() {
        return model.width();
    }

    @Override
    public void score(double[] features, int rows, String[] outLabels, double[] outScores) {
        model.run(features, rows, result -> {
            if (task != null) {
                float[][] out = (float[][]) result.get(0).getValue();
                for (int r = 0; r < rows; r++) {
                    if (task == Task.CLASSIFICATION) {
                        int best = argmax(out[r]);
                        outLabels[r] = labels.get(best);
                        outScores[r] = out[r][best];
                    } else {
                        outLabels[r] = null;
                        outScores[r] = this.features.unscaleTarget(out[r][0]);
                    }
                }
                return null;
            }
            if (scoreOutput != null) {
                readScores(result.get(scoreOutput).orElseThrow(), rows, labels, outLabels, outScores);
            }
            if (labelOutput != null) {
                Object v = result.get(labelOutput).orElseThrow().getValue();
                for (int r = 0; r < rows; r++) {
                    outLabels[r] = String.valueOf(element(v, r));
                }
            }
            return null;
        });
    }

    private static void readScores(OnnxValue value, int rows, List<String> names, String[] outLabels, double[] outScores)
            throws ai.onnxruntime.OrtException {
        OnnxTensor t = (OnnxTensor) value;
        long[] shape = t.getInfo().getShape();
        int columns = shape.length == 2 ? (int) shape[1] : 1;
        double[] flat = new double[rows * columns];
        if (t.getInfo().type == OnnxJavaType.DOUBLE) {
            t.getDoubleBuffer().get(flat);
        } else {
            FloatBuffer fb = t.getFloatBuffer();
            for (int i = 0; i < flat.length; i++) {
                flat[i] = fb.get(i);
            }
        }
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < columns; c++) {
                if (flat[r * columns + c] > flat[r * columns + best]) {
                    best = c;
                }
            }
            outScores[r] = flat[r * columns + best];
            outLabels[r] = columns <= 1 ? null : names.isEmpty() ? Integer.toString(best) : names.get(best);
        }
    }

    private static Object element(Object array, int r) {
        if (array instanceof long[] l) {
            return l[r];
        }
        if (array instanceof String[] s) {
            return s[r];
        }
        if (array instanceof long[][] l) {
            return l[r][0];
        }
        if (array instanceof String[][] s) {
            return s[r][0];
        }
        return java.lang.reflect.Array.get(array, r);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
