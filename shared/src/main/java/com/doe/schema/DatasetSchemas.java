package com.doe.schema;

import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Evolution of a pipeline's dataset schema, under subject {@code dataset.<pipelineId>}.
 * <ul>
 *   <li>When a pipeline definition is created or updated, {@link #onPipelineSaved} registers its
 *       dataset schema with the subject's compatibility mode. A breaking change is refused with
 *       the reasons ({@link IncompatibleSchemaException}; the config API answers 409) and the
 *       pipeline update must not be stored.</li>
 *   <li>A run pins the version current when it starts ({@link #pinForNewRun}) and records it in
 *       {@code RunStarted.datasetSchemaVersion} and every {@code StageTask}; its stages read that
 *       exact version with {@link #schemaOfRun}, so runs in flight keep their schema while the
 *       pipeline evolves.</li>
 * </ul>
 * Thread-safe.
 */
public final class DatasetSchemas {

    public static final String SUBJECT_PREFIX = "dataset.";

    private final SchemaRegistry registry;

    public DatasetSchemas(SchemaRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The subject of a pipeline's dataset schema. */
    public static String subject(String pipelineId) {
        return SchemaRegistry.requireSubject(SUBJECT_PREFIX + pipelineId);
    }

    /**
     * Registers the dataset schema of a saved pipeline definition. Idempotent: an unchanged
     * schema returns its current version.
     *
     * @throws IncompatibleSchemaException when the change breaks the subject's mode; its
     *     {@code reasons()} say what to change
     */
    public RegisteredSchema onPipelineSaved(String pipelineId, Schema datasetSchema) {
        return registry.register(subject(pipelineId), datasetSchema);
    }

    /** Whether a proposed dataset schema would be accepted, without registering it (for validation previews). */
    public CompatibilityReport check(String pipelineId, Schema datasetSchema) {
        return registry.test(subject(pipelineId), datasetSchema);
    }

    /**
     * The version a run starting now uses: the latest. Empty when the pipeline has no dataset
     * schema registered.
     */
    public Optional<RegisteredSchema> pinForNewRun(String pipelineId) {
        String subject = subject(pipelineId);
        try {
            return Optional.of(registry.latest(subject));
        } catch (SchemaNotFoundException noSchema) {
            return Optional.empty();
        }
    }

    /**
     * The exact version a run was pinned to. Served from memory after the first call.
     *
     * @throws SchemaNotFoundException when that version does not exist
     */
    public RegisteredSchema schemaOfRun(String pipelineId, int pinnedVersion) {
        return registry.version(subject(pipelineId), pinnedVersion);
    }
}
