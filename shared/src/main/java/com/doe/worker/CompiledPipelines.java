package com.doe.worker;

import com.doe.DoeException;
import com.doe.catalog.PipelineCatalog;
import com.doe.catalog.PipelineVersion;
import com.doe.pipeline.InvalidPipelineException;
import com.doe.pipeline.Pipeline;
import com.doe.pipeline.PipelineText;
import com.doe.pipeline.PipelineValidator;
import com.doe.pipeline.Validation;
import com.doe.plan.Plan;
import com.doe.plan.Planner;
import com.doe.plan.Stage;
import com.doe.step.StageKind;
import com.doe.step.StepCatalogue;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Compiled pipeline versions and their stages, cached per (pipeline id, version) for the life of the
 * process: versions are immutable, so an entry never goes stale. A version is read from the
 * {@link PipelineCatalog} and compiled on first use; two threads asking at once may both compile it,
 * and one result is kept. Stages are built on first use by the {@link StageFactory} registered for
 * their kind.
 *
 * <p>Thread-safe. The cache holds every version a worker has served; versions are small next to the
 * chunks a worker processes.
 */
public final class CompiledPipelines {

    /** A compiled version with its plan and the stages built so far. */
    public static final class Compiled {
        private final PipelineVersion version;
        private final Pipeline pipeline;
        private final Plan plan;
        private final Map<String, ChunkStage> stages = new ConcurrentHashMap<>();

        Compiled(PipelineVersion version, Pipeline pipeline) {
            this.version = version;
            this.pipeline = pipeline;
            this.plan = Planner.plan(pipeline);
        }

        public PipelineVersion version() {
            return version;
        }

        public Pipeline pipeline() {
            return pipeline;
        }

        public Plan plan() {
            return plan;
        }
    }

    private record Key(String pipelineId, int version) {
    }

    private final PipelineCatalog catalog;
    private final PipelineValidator validator;
    private final Map<StageKind, StageFactory> kinds;
    private final Map<Key, Compiled> cache = new ConcurrentHashMap<>();

    /** @param kinds the stage kinds this process can run; a kind left out fails its tasks permanently */
    public CompiledPipelines(PipelineCatalog catalog, StepCatalogue catalogue, Map<StageKind, StageFactory> kinds) {
        this.catalog = catalog;
        this.validator = new PipelineValidator(catalogue);
        this.kinds = kinds.isEmpty() ? Map.of() : new EnumMap<>(kinds);
    }

    /**
     * The compiled version.
     *
     * @throws com.doe.catalog.PipelineNotFoundException when the pipeline or version does not exist
     * @throws DoeException (permanent) when the stored definition no longer compiles
     */
    public Compiled get(String pipelineId, int version) {
        Key key = new Key(pipelineId, version);
        Compiled compiled = cache.get(key);
        if (compiled != null) {
            return compiled;
        }
        Compiled fresh = compile(catalog.version(pipelineId, version));
        Compiled raced = cache.putIfAbsent(key, fresh);
        return raced != null ? raced : fresh;
    }

    /** Compiles a version read elsewhere (the ingest side has it already) and caches it. */
    public Compiled get(PipelineVersion version) {
        return cache.computeIfAbsent(new Key(version.pipelineId(), version.version()), k -> compile(version));
    }

    /**
     * The stage of a compiled version, built on first use.
     *
     * @throws DoeException (permanent) when this process has no factory for the stage's kind
     */
    public ChunkStage stage(Compiled compiled, Stage stage) {
        return compiled.stages.computeIfAbsent(stage.name(), name -> {
            StageFactory factory = kinds.get(stage.kind());
            if (factory == null) {
                throw new DoeException("stage kind " + stage.kind().text() + " is not available in this build. "
                        + "Pipeline '" + compiled.pipeline.id() + "' version " + compiled.version.version()
                        + " needs it for stage '" + name + "'; deploy a build that includes it, or remove the "
                        + stage.kind().text() + " steps from the pipeline.");
            }
            return factory.build(compiled.pipeline, stage);
        });
    }

    private Compiled compile(PipelineVersion version) {
        String where = "Pipeline '" + version.pipelineId() + "' version " + version.version();
        Validation validation;
        try {
            validation = validator.validate(PipelineText.parse(version.definition()), null);
        } catch (InvalidPipelineException e) {
            throw new DoeException(where + " is stored but cannot be parsed any more: " + e.getMessage()
                    + ". Save the definition again (PUT /api/pipelines/" + version.pipelineId() + ").", e);
        }
        if (validation.definition() != null && validation.definition().source().schema() == null) {
            throw new DoeException(where + " declares no source.schema; runs need the schema in the definition. "
                    + "Run a preview to see the inferred schema, add it as source.schema and save the pipeline again.");
        }
        if (!validation.isValid() || validation.pipeline() == null) {
            throw new DoeException(where + " is stored but no longer compiles: " + validation.problems().stream()
                    .map(p -> p.pointer() + ": " + p.message()).collect(Collectors.joining("; "))
                    + ". Save a corrected definition (PUT /api/pipelines/" + version.pipelineId() + ").");
        }
        return new Compiled(version, validation.pipeline());
    }
}
