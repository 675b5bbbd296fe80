package com.doe.ml.train;

import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.ml.TrainSpec;
import com.doe.ml.registry.ModelManifest;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.registry.TribuoModels;
import com.doe.schema.Fingerprints;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code train} step over a whole run: the caller streams every row of the step's input into a
 * {@link #newTable() table} (see {@code MlStage#trainRun}), then {@link #fit} trains, stores the model
 * as the registry version keyed by the run and step ({@link #key}), and promotes it when
 * {@code minQuality} is met.
 *
 * <p>Idempotent per run: the version is the one the key claimed (reserved when the run started), a
 * re-delivered task whose version is already complete does not train again, and promotion happens
 * once ({@link ModelRegistry#promoteOnce}), so a re-delivery never moves {@code latest} back.
 * Thread-safe (each call keeps its state on the stack).
 */
public final class TrainStage {

    private final String pipelineId;
    private final String pipelineVersion;
    private final String stepId;
    private final TrainSpec spec;
    private final DatasetSchema input;
    private final ModelRegistry registry;
    private final Clock clock;

    /** @param input the schema of the rows the step receives */
    public TrainStage(String pipelineId, String pipelineVersion, String stepId, TrainSpec spec, DatasetSchema input,
                      ModelRegistry registry, Clock clock) {
        this.pipelineId = pipelineId;
        this.pipelineVersion = pipelineVersion;
        this.stepId = stepId;
        this.spec = spec;
        this.input = input;
        this.registry = registry;
        this.clock = clock;
    }

    /** The registry key of run {@code runId}'s training by step {@code stepId}: one version per key. */
    public static String key(String runId, String stepId) {
        return runId + "/" + stepId;
    }

    public String stepId() {
        return stepId;
    }

    /** An empty table of the columns this step trains on; add every row of the run to it. */
    public TrainingTable newTable() {
        return new TrainingTable(spec, input);
    }

    /**
     * Trains on {@code table} (every row of the run), stores and promotes the model; when the run's
     * version is already complete (a re-delivered task), returns it without training again.
     *
     * @throws LowQualityException when minQuality is not met and the step has failOnLowQuality
     */
    public TrainOutcome fit(String runId, TrainingTable table) {
        Optional<ModelManifest> done = registry.findByKey(spec.model(), key(runId, stepId));
        return settle(done.orElseGet(() -> register(runId, ModelTrainer.train(table), table.rows())));
    }

    /** Stores a model trained outside a run's stage (tests, benchmarks) and promotes it if its quality passes. */
    public TrainOutcome store(String runId, TrainedModel trained) {
        return settle(register(runId, trained, trained.trainRows() + trained.testRows() + trained.skippedRows()));
    }

    private ModelManifest register(String runId, TrainedModel trained, long rowsRead) {
        List<String> failures = qualityFailures(trained.metrics());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelManifest.TRIBUO_FILE, TribuoModels.write(trained.model()));
        if (trained.onnx() != null) {
            files.put(ModelManifest.ONNX_FILE, trained.onnx());
        }
        String fingerprint = Fingerprints.toHex(Fingerprints.fingerprint(AvroSchemas.toAvro(input)));
        ModelManifest.Rows rows = new ModelManifest.Rows(rowsRead, trained.trainRows(), trained.testRows(),
                trained.skippedRows());
        return registry.register(new ModelRegistry.NewVersion(spec.model(), key(runId, stepId), files,
                version -> new ModelManifest(spec.model(), version, ModelManifest.TRIBUO, spec.task().text(),
                        spec.algorithm().text(), trained.features(), List.of(), trained.labels(), fingerprint,
                        trained.metrics(), failures.isEmpty(), failures, runId, pipelineId, pipelineVersion, stepId,
                        clock.instant().toString(), List.copyOf(files.keySet()), null, rows)));
    }

    /** Promotes a stored version once when its quality passed; otherwise warns, or fails the run if asked to. */
    private TrainOutcome settle(ModelManifest m) {
        String warning = null;
        if (m.qualityMet()) {
            registry.promoteOnce(m.name(), m.version());
        } else {
            warning = "Step '" + stepId + "': " + m.describe() + " was stored but not promoted, because it missed "
                    + "minQuality (" + String.join(", ", m.qualityFailures()) + "); 'latest' still points to "
                    + registry.latest(m.name()).map(v -> "version " + v).orElse("no version") + ".";
        }
        ModelManifest.Rows rows = m.rows() == null ? new ModelManifest.Rows(0, 0, 0, 0) : m.rows();
        TrainOutcome outcome = new TrainOutcome(stepId, m.name(), m.version(), m.qualityMet(), m.metrics(),
                rows.trained(), rows.tested(), rows.skipped(), warning);
        if (warning != null && spec.failOnLowQuality()) {
            throw new LowQualityException(outcome);
        }
        return outcome;
    }

    /** Unmet thresholds in words; a metric the model lacks counts as unmet. */
    List<String> qualityFailures(ModelMetrics metrics) {
        List<String> out = new ArrayList<>();
        Map<String, Double> values = metrics.values();
        spec.minQuality().forEach((name, threshold) -> {
            Double v = values.get(name);
            boolean ceiling = ModelMetrics.LOWER_IS_BETTER.contains(name);
            if (v == null) {
                out.add(name + " not available");
            } else if (ceiling ? v > threshold : v < threshold) {
                out.add(String.format(java.util.Locale.ROOT, "%s %.4f %s %.4f", name, v, ceiling ? ">" : "<", threshold));
            }
        });
        return out;
    }
}
