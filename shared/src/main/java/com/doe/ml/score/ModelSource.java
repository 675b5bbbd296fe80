package com.doe.ml.score;

import com.doe.ml.Algorithm;
import com.doe.ml.ScoreSpec;
import com.doe.ml.Task;
import com.doe.ml.onnx.OnnxModel;
import com.doe.ml.registry.ModelManifest;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.registry.TribuoModels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads models for score steps and caches them per worker. Cache keys are immutable identities: a
 * registry model by name and version number (versions never change), an ONNX file by path and ETag
 * (a re-uploaded file gets a new tag, so it is loaded again). {@code latest} is resolved on each call
 * (one small blob read), so a promotion takes effect at the next chunk. Thread-safe; one per worker.
 *
 * <p>Registry models that were exported to ONNX are scored with ONNX Runtime by default (batched,
 * several times faster than per-row Tribuo predictions); others with Tribuo in process.
 */
public final class ModelSource {

    private final ModelRegistry registry;
    private final boolean preferOnnx;
    private final Map<String, ScoringModel> cache = new ConcurrentHashMap<>();

    public ModelSource(ModelRegistry registry) {
        this(registry, true);
    }

    /** @param preferOnnx whether to score exported registry models with ONNX Runtime rather than Tribuo */
    public ModelSource(ModelRegistry registry, boolean preferOnnx) {
        this.registry = registry;
        this.preferOnnx = preferOnnx;
    }

    public ModelRegistry registry() {
        return registry;
    }

    /**
     * The model a score step uses.
     *
     * @param pinnedVersion a version fixed for the run (from {@link ModelChecks}), or null to resolve
     *                      the step's own {@code version}
     * @throws com.doe.ml.ModelNotFoundException    for an unknown model, version or ONNX file
     * @throws com.doe.ml.InvalidModelException     for a file that cannot be loaded
     */
    public ScoringModel load(ScoreSpec spec, Integer pinnedVersion) {
        if (spec.onnx() != null) {
            String tag = registry.blobTag(spec.onnx());
            return cache.computeIfAbsent("onnx:" + spec.onnx() + "@" + tag, k -> {
                byte[] bytes = registry.blob(spec.onnx()).bytes();
                OnnxModel m = OnnxModel.load("ONNX model " + spec.onnx(), bytes, spec.inputs());
                return new ScoringModel("ONNX model " + spec.onnx(), null, spec.inputs(),
                        OnnxScorer.uploaded(m, "ONNX model " + spec.onnx(), List.of()), null);
            });
        }
        ModelManifest m = registry.resolve(spec.model(), pinnedVersion != null ? pinnedVersion.toString() : spec.version());
        return cache.computeIfAbsent("model:" + m.name() + "/" + m.version() + "/" + preferOnnx, k -> build(m));
    }

    /** Number of models held, for tests and metrics. */
    public int cached() {
        return cache.size();
    }

    private ScoringModel build(ModelManifest m) {
        if (ModelManifest.ONNX.equals(m.kind())) {
            OnnxModel onnx = OnnxModel.load(m.describe(), registry.file(m, ModelManifest.ONNX_FILE), m.inputs());
            return new ScoringModel(m.describe(), null, m.inputs(), OnnxScorer.uploaded(onnx, m.describe(), m.labels()), m);
        }
        Task task = Task.parse(m.task());
        boolean exported = m.hasOnnx() && Algorithm.find(task, m.algorithm()).map(Algorithm::onnxExportable).orElse(false);
        Scorer scorer;
        if (preferOnnx && exported) {
            OnnxModel onnx = OnnxModel.load(m.describe(), registry.file(m, ModelManifest.ONNX_FILE), m.features().width());
            scorer = OnnxScorer.exported(onnx, task, m.labels(), m.features());
        } else {
            scorer = new TribuoScorer(TribuoModels.read(registry.file(m, ModelManifest.TRIBUO_FILE), m.describe()),
                    m.features(), task);
        }
        return new ScoringModel(m.describe(), m.features(), List.of(), scorer, m);
    }
}
