package com.doe.ml;

import com.doe.pipeline.SettingValues;
import java.util.List;

/**
 * The typed settings of a {@code score} step: a registry model ({@code model}, {@code version}) or an
 * uploaded ONNX file ({@code onnx}, {@code inputs}).
 *
 * @param model      registry model name, or null
 * @param version    a version number or {@code latest}
 * @param onnx       {@code models/<path>.onnx} in Blob Storage, or null
 * @param inputs     for {@code onnx}: the numeric fields fed to the model, in its input order
 * @param labelField field receiving the predicted class (string), or null
 * @param scoreField field receiving the score, probability or value (double), or null
 */
public record ScoreSpec(String model, String version, String onnx, List<String> inputs, String labelField,
                        String scoreField) {

    public ScoreSpec {
        inputs = List.copyOf(inputs);
    }

    public static ScoreSpec of(SettingValues s) {
        SettingValues out = s.object("output");
        return new ScoreSpec(s.string("model"), s.string("version"), s.string("onnx"), s.strings("inputs"),
                out.string("label"), out.string("score"));
    }

    /** "model 'penguins' version latest" or "ONNX model models/uploads/risk.onnx", for messages. */
    public String describeModel() {
        return model != null ? "model '" + model + "' version " + version : "ONNX model " + onnx;
    }
}
