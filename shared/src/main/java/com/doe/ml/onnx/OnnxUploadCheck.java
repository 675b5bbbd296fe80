package com.doe.ml.onnx;

import ai.onnxruntime.OnnxTensor;
import com.doe.DoeException;
import com.doe.ml.InvalidModelException;
import com.doe.ml.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a user's ONNX model before the registry stores it, so that a stored model can be scored:
 * ONNX Runtime loads it; its inputs take the declared fields ({@link OnnxModel}); it runs on a batch
 * of two rows of zeros and answers one output row per input row; and its outputs fit the declared
 * task. Every refusal names what is wrong and how to fix the export. Stateless and thread-safe.
 */
public final class OnnxUploadCheck {

    /** Rows of the trial run: more than one, so a model with a fixed batch of one is caught. */
    private static final int TRIAL_ROWS = 2;

    private OnnxUploadCheck() {
    }

    /**
     * @param description what the model is, for messages, e.g. "uploaded ONNX model 'churn'"
     * @param inputs      the fields fed to the model, in its column order
     * @param labels      classification: class names in the score's column order, or empty
     * @throws InvalidModelException naming the problem and the fix
     */
    public static CheckedOnnx check(String description, byte[] bytes, List<String> inputs, Task task, List<String> labels) {
        if (!labels.isEmpty() && task != Task.CLASSIFICATION) {
            throw new InvalidModelException("Labels name the classes of a classification model, but " + description
                    + " is declared as " + task.text() + ". Drop the labels, or declare the task as classification.");
        }
        try (OnnxModel model = OnnxModel.load(description, bytes, inputs)) {
            OnnxOutputs outputs = OnnxOutputs.of(model, description);
            long columns = trial(model, outputs, description);
            List<String> warnings = new ArrayList<>();
            switch (task) {
                case REGRESSION -> regression(description, outputs, columns, warnings);
                case CLASSIFICATION -> classification(description, outputs, columns, labels, warnings);
                case ANOMALY -> oneScoreColumn(description, outputs, columns, "an anomaly model gives one score per row");
                case CLUSTERING -> clustering(description, outputs);
            }
            return new CheckedOnnx(bytes, CheckedOnnx.sha256(bytes), inputs, task, labels, model.producer(), model.inputNames(),
                    outputs, warnings);
        }
    }

    /** Runs the model on zeros; returns the score output's columns per row (0 without a score output). */
    private static long trial(OnnxModel model, OnnxOutputs outputs, String description) {
        try {
            return model.run(new double[TRIAL_ROWS * model.width()], TRIAL_ROWS, result -> {
                long columns = 0;
                if (outputs.score() != null) {
                    long[] shape = ((OnnxTensor) result.get(outputs.score()).orElseThrow()).getInfo().getShape();
                    perRow(description, outputs.score(), shape, shape.length == 1 || shape.length == 2);
                    columns = shape.length == 2 ? shape[1] : 1;
                }
                if (outputs.label() != null) {
                    long[] shape = ((OnnxTensor) result.get(outputs.label()).orElseThrow()).getInfo().getShape();
                    perRow(description, outputs.label(), shape, shape.length == 1 || (shape.length == 2 && shape[1] == 1));
                }
                return columns;
            });
        } catch (InvalidModelException e) {
            throw e;
        } catch (DoeException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new InvalidModelException(description + " loads, but ONNX Runtime cannot run it on " + TRIAL_ROWS
                    + " rows of " + model.width() + " inputs (" + OnnxModel.firstLine(reason) + "). Check that the inputs list "
                    + "exactly the columns the model was trained on, in order (" + model.width() + " given), and that "
                    + "the model takes a batch of any size.", e);
        }
    }

    private static void perRow(String description, String output, long[] shape, boolean fits) {
        if (!fits || shape[0] != TRIAL_ROWS) {
            throw new InvalidModelException(description + " answers " + TRIAL_ROWS + " rows with output '" + output
                    + "' of shape " + Arrays.toString(shape) + "; DOE reads one output row per input row ([rows] or "
                    + "[rows, columns]). Export the model so that its outputs keep the batch axis first.");
        }
    }

    private static void regression(String description, OnnxOutputs outputs, long columns, List<String> warnings) {
        if (outputs.score() == null) {
            throw new InvalidModelException(description + " has no float output, only '" + outputs.label() + "'; a "
                    + "regression model gives its prediction as a float tensor. Upload it with the task it was trained "
                    + "for, or export the prediction as a float output.");
        }
        oneScoreColumn(description, outputs, columns, "a regression model gives one number per row");
        if (outputs.label() != null) {
            warnings.add("Output '" + outputs.label() + "' is ignored: a regression model's prediction is its score ('"
                    + outputs.score() + "').");
        }
    }

    private static void oneScoreColumn(String description, OnnxOutputs outputs, long columns, String rule) {
        if (columns > 1) {
            throw new InvalidModelException(description + "'s output '" + outputs.score() + "' has " + columns
                    + " columns per row, but " + rule + ". If these are class probabilities, upload the model as "
                    + "task classification; otherwise export a single column.");
        }
    }

    private static void classification(String description, OnnxOutputs outputs, long columns, List<String> labels,
                                       List<String> warnings) {
        if (!labels.isEmpty()) {
            if (outputs.label() != null) {
                throw new InvalidModelException(description + " has its own label output '" + outputs.label()
                        + "', so labels are not needed: they name the score's columns for models without one. Drop "
                        + "the labels.");
            }
            if (columns != labels.size()) {
                throw new InvalidModelException("The labels name " + labels.size() + " classes, but " + description
                        + "'s output '" + outputs.score() + "' has " + columns + " columns per row. Give one name per "
                        + "column, in column order.");
            }
        } else if (outputs.label() == null && columns < 2) {
            throw new InvalidModelException(description + " has no label output and its output '" + outputs.score()
                    + "' has one column, so no class can be read from it. Export the class as an int64 or string output "
                    + "(skl2onnx does), or the class probabilities with one column per class; a binary classifier's "
                    + "probability alone can be uploaded as task regression.");
        } else if (outputs.label() == null) {
            warnings.add("The model has no label output: labels will be column numbers 0.." + (columns - 1) + " of '"
                    + outputs.score() + "'. Name them with labels, in column order.");
        }
        if (outputs.score() == null) {
            warnings.add("The model has no float tensor output (a ZipMap of probabilities is not read): score steps get "
                    + "labels only, and a step asking for output.score is refused. Export with skl2onnx option "
                    + "{'zipmap': False} to score probabilities.");
        }
    }

    private static void clustering(String description, OnnxOutputs outputs) {
        if (outputs.label() == null) {
            throw new InvalidModelException(description + " has no int64 or string output of one value per row; a "
                    + "clustering model must output the cluster id (skl2onnx KMeans: 'label').");
        }
    }
}
