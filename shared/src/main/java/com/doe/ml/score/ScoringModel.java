package com.doe.ml.score;

import com.doe.ml.registry.ModelManifest;
import com.doe.ml.train.FeatureSpec;
import java.util.List;

/**
 * A model ready to score: how to build its input and the scorer.
 *
 * @param description "model 'x' version 3" or the ONNX path, for messages
 * @param features    registry Tribuo models: the feature spec (standardised, imputed); null for raw inputs
 * @param inputs      raw-input models (ONNX uploads and files): numeric fields fed as is, in order
 * @param scorer      the scorer
 * @param manifest    the registry manifest, or null for ONNX files
 */
public record ScoringModel(String description, FeatureSpec features, List<String> inputs, Scorer scorer,
                           ModelManifest manifest) {

    public ScoringModel {
        inputs = List.copyOf(inputs);
    }
}
