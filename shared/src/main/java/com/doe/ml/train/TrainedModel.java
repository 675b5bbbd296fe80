package com.doe.ml.train;

import com.doe.ml.TrainSpec;
import java.util.List;
import org.tribuo.Model;

/**
 * The result of training, before it is stored.
 *
 * @param spec        the step's settings
 * @param model       the Tribuo model (immutable; Tribuo models predict thread-safely)
 * @param features    how records are encoded for it
 * @param labels      classification: the classes in the model's output order (the ONNX output columns)
 * @param metrics     quality on the held-out rows
 * @param trainRows   rows trained on
 * @param testRows    rows held out
 * @param skippedRows rows left out because their target was null
 * @param onnx        the model exported to ONNX, or null when Tribuo cannot export this algorithm
 */
public record TrainedModel(TrainSpec spec, Model<?> model, FeatureSpec features, List<String> labels,
                           ModelMetrics metrics, long trainRows, long testRows, long skippedRows, byte[] onnx) {

    public TrainedModel {
        labels = List.copyOf(labels);
    }
}
