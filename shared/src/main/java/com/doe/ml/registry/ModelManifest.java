package com.doe.ml.registry;

import com.doe.ml.train.FeatureSpec;
import com.doe.ml.train.ModelMetrics;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the registry knows about one model version, stored as {@code {name}/{version}/manifest.json}.
 * Written once, after the version's files: a version without a manifest is incomplete and invisible.
 *
 * @param name              model name
 * @param version           1, 2, 3... per name
 * @param kind              {@code tribuo} (trained by DOE) or {@code onnx} (uploaded)
 * @param task              the task (declared by the uploader for uploads; null for uploads older than that)
 * @param algorithm         the algorithm, or null for uploads
 * @param features          tribuo: how records are encoded; null for uploads
 * @param inputs            onnx uploads: the fields fed to the model, in order
 * @param labels            classification: classes in the model's output order (uploads: names of the score's
 *                          columns when the model has no label output, else empty)
 * @param schemaFingerprint CRC-64-AVRO fingerprint (hex) of the dataset schema the model was trained on
 * @param metrics           quality on held-out rows, or null for uploads
 * @param qualityMet        whether {@code minQuality} was met (true when none was set)
 * @param qualityFailures   unmet thresholds in words, e.g. "accuracy 0.71 < 0.80"
 * @param runId             the run that trained it, or null for uploads
 * @param pipelineId        its pipeline, or null
 * @param pipelineVersion   the pipeline version fingerprint, or null
 * @param stepId            the train step, or null
 * @param createdAt         ISO-8601 instant
 * @param files             the version's files: {@code model.tribuo}, {@code model.onnx}
 * @param upload            onnx uploads: the file's checksum, producer and the outputs read; null otherwise
 * @param rows              trained models: the rows the train step received and how they were used; null
 *                          for uploads and for versions stored before DOE recorded it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(String name, int version, String kind, String task, String algorithm, FeatureSpec features,
                            List<String> inputs, List<String> labels, String schemaFingerprint, ModelMetrics metrics,
                            boolean qualityMet, List<String> qualityFailures, String runId, String pipelineId,
                            String pipelineVersion, String stepId, String createdAt, List<String> files,
                            UploadedOnnx upload, Rows rows) {

    public static final String TRIBUO = "tribuo";
    public static final String ONNX = "onnx";
    public static final String TRIBUO_FILE = "model.tribuo";
    public static final String ONNX_FILE = "model.onnx";

    public ModelManifest {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        labels = labels == null ? List.of() : List.copyOf(labels);
        qualityFailures = qualityFailures == null ? List.of() : List.copyOf(qualityFailures);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * The rows behind a trained version: {@code read} = every row of the run the step received (all its
     * input chunks), of which {@code skipped} had a null target and the rest were split into
     * {@code trained} and {@code tested} (held out for the metrics).
     */
    public record Rows(long read, long trained, long tested, long skipped) {
    }

    public boolean hasOnnx() {
        return files.contains(ONNX_FILE);
    }

    /** "model 'penguins' version 3", for messages. */
    public String describe() {
        return "model '" + name + "' version " + version;
    }
}
