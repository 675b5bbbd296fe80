package com.doe.ml.train;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.SourcedRecord;
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
import java.util.function.UnaryOperator;

/**
 * Runs one {@code train} step over the whole run: reads every chunk of the stage input, trains, stores
 * the model as a new registry version and promotes it when {@code minQuality} is met. The orchestrator
 * calls it once per run, after every input chunk exists and before the stage's chunks are scored.
 * Idempotent: a retry for the same run and step reuses the version it claimed.
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

    /**
     * Trains on every chunk of {@code inputStage} for the run.
     *
     * @param before applied to each chunk first (the stage's steps before this one), or identity
     * @throws LowQualityException when minQuality is not met and the step has failOnLowQuality
     */
    public TrainOutcome train(String runId, ChunkStore chunks, String inputStage, UnaryOperator<Chunk> before) {
        TrainingTable table = new TrainingTable(spec, input);
        for (int index : chunks.list(runId, inputStage)) {
            Chunk chunk = before.apply(chunks.read(new ChunkId(runId, inputStage, index)));
            for (SourcedRecord r : chunk.rows()) {
                table.add(r.record());
            }
        }
        return store(runId, ModelTrainer.train(table));
    }

    /** Stores a trained model and promotes it if its quality passes. */
    public TrainOutcome store(String runId, TrainedModel trained) {
        List<String> failures = qualityFailures(trained.metrics());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelManifest.TRIBUO_FILE, TribuoModels.write(trained.model()));
        if (trained.onnx() != null) {
            files.put(ModelManifest.ONNX_FILE, trained.onnx());
        }
        String fingerprint = Fingerprints.toHex(Fingerprints.fingerprint(AvroSchemas.toAvro(input)));
        ModelManifest m = registry.register(new ModelRegistry.NewVersion(spec.model(), runId + "/" + stepId, files,
                version -> new ModelManifest(spec.model(), version, ModelManifest.TRIBUO, spec.task().text(),
                        spec.algorithm().text(), trained.features(), List.of(), trained.labels(), fingerprint,
                        trained.metrics(), failures.isEmpty(), failures, runId, pipelineId, pipelineVersion, stepId,
                        clock.instant().toString(), List.copyOf(files.keySet()), null)));
        String warning = null;
        if (failures.isEmpty()) {
            registry.promote(m.name(), m.version());
        } else {
            warning = "Step '" + stepId + "': " + m.describe() + " was stored but not promoted, because it missed "
                    + "minQuality (" + String.join(", ", failures) + "); 'latest' still points to "
                    + registry.latest(m.name()).map(v -> "version " + v).orElse("no version") + ".";
        }
        TrainOutcome outcome = new TrainOutcome(stepId, m.name(), m.version(), failures.isEmpty(), trained.metrics(),
                trained.trainRows(), trained.testRows(), trained.skippedRows(), warning);
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
