package com.doe.worker;

import com.doe.DoeException;
import com.doe.catalog.PipelineCatalog;
import com.doe.catalog.PipelineDisabledException;
import com.doe.catalog.PipelineHead;
import com.doe.catalog.PipelineNotFoundException;
import com.doe.catalog.PipelineVersion;
import com.doe.chunk.ChunkStore;
import com.doe.ml.RunModels;
import com.doe.orchestration.RunInput;
import com.doe.orchestration.RunPolicy;
import com.doe.orchestration.RunSnapshot;
import com.doe.orchestration.RunState;
import com.doe.orchestration.StagePlan;
import com.doe.orchestration.StageProgress;
import com.doe.orchestration.StageTotals;
import com.doe.pipeline.Pipeline;
import com.doe.pipeline.Problem;
import com.doe.pipeline.StepDefinition;
import com.doe.plan.IngestStage;
import com.doe.plan.Plan;
import com.doe.plan.Planner;
import com.doe.quarantine.QuarantineSink;
import com.doe.run.ModelUse;
import com.doe.run.RunIds;
import com.doe.run.RunLedger;
import com.doe.run.RunQuality;
import com.doe.run.RunRecord;
import com.doe.run.RunSource;
import com.doe.run.RunStatus;
import com.doe.stats.FieldProfile;
import com.doe.step.validate.ValidateConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic behind the {@code IngestBlob} function: turns a file landed at
 * {@code landing/{pipelineId}/{name}} into a run whose orchestration can start.
 *
 * <ol>
 *   <li>The run id is {@link RunIds#of}(pipeline, blob name, ETag).</li>
 *   <li>The pipeline's active version is resolved ({@link PipelineCatalog#forNewRun}); a duplicate
 *       trigger keeps the version its run started with. An unknown or disabled pipeline gives a
 *       {@code Failed} run record with the reason, and the file moved to {@code landing-rejected}.</li>
 *   <li>The run's model versions are fixed ({@link RunModels}): score steps are checked against their
 *       models and pinned to one version each, train steps reserve the version they will store. A
 *       score step whose model is missing or does not fit the rows refuses the run like an unknown
 *       pipeline. The versions go into the run record and, per stage, into the run's input, so every
 *       task of the run uses them; a duplicate trigger keeps the versions its run started with.</li>
 *   <li>The run record is created {@code Pending} (idempotent), the file is streamed into chunks
 *       under {@code work/{runId}/ingest/} with malformed rows quarantined, and the ingest counters
 *       are recorded as the ingest stage's progress marker ({@code work/{runId}/ingest/_done/-0001.json})
 *       and in the run record.</li>
 * </ol>
 *
 * <p>Delivery is at least once: a duplicate call for the same blob version gives the same run id,
 * and once the ingest marker exists the file is not read again. Failures that may pass later
 * ({@link com.doe.RetryableException}) are thrown so that the trigger is retried; a file that can
 * never be ingested is refused like a file for an unknown pipeline. Thread-safe.
 */
public final class RunStarter {

    private static final Logger LOG = LoggerFactory.getLogger(RunStarter.class);

    /** The ingest stage's single task in {@link StageProgress}: it runs once over the whole file. */
    static final int INGEST_TASK = -1;

    private final PipelineCatalog catalog;
    private final CompiledPipelines pipelines;
    private final RunLedger runs;
    private final ChunkStore chunks;
    private final QuarantineSink quarantine;
    private final StageProgress progress;
    private final RejectedFiles rejected;
    private final RunModels models;
    private final Clock clock;

    /** @param models fixes the model versions of runs of pipelines with ML steps */
    public RunStarter(PipelineCatalog catalog, CompiledPipelines pipelines, RunLedger runs, ChunkStore chunks,
                      QuarantineSink quarantine, StageProgress progress, RejectedFiles rejected, RunModels models,
                      Clock clock) {
        this.catalog = catalog;
        this.pipelines = pipelines;
        this.runs = runs;
        this.chunks = chunks;
        this.quarantine = quarantine;
        this.progress = progress;
        this.rejected = rejected;
        this.models = models;
        this.clock = clock;
    }

    public StartOutcome start(LandedBlob blob) {
        String pipelineId = blob.pipelineId();
        String runId = RunIds.of(pipelineId.isEmpty() ? "unfiled" : pipelineId, blob.name(), blob.etag());
        RunSource source = new RunSource(blob.container(), blob.name(), blob.etag());
        Optional<RunRecord> existing = runs.get(runId);
        if (existing.isPresent() && existing.get().status() != RunStatus.Pending) {
            RunRecord record = existing.get();
            if (record.status() == RunStatus.Failed && record.stages().isEmpty()) {
                return refuse(blob, record, record.error());
            }
            return new StartOutcome.AlreadyStarted(record);
        }
        if (pipelineId.isEmpty()) {
            return refuse(blob, runId, "unfiled", 0, source, "File " + blob.describe() + " is not in a pipeline's "
                    + "folder. Upload files to " + blob.container() + "/{pipelineId}/{file name}.");
        }
        PipelineVersion version;
        try {
            version = existing.isPresent() ? catalog.version(pipelineId, existing.get().pipelineVersion())
                    : catalog.forNewRun(pipelineId);
        } catch (PipelineNotFoundException e) {
            return refuse(blob, runId, pipelineId, 0, source, "File " + blob.describe() + " was not processed: there "
                    + "is no pipeline '" + pipelineId + "'. Create it with PUT /api/pipelines/" + pipelineId
                    + " and upload the file again.");
        } catch (PipelineDisabledException e) {
            int active = catalog.head(pipelineId).map(PipelineHead::activeVersion).orElse(0);
            return refuse(blob, runId, pipelineId, active, source, "File " + blob.describe() + " was not processed: "
                    + "pipeline '" + pipelineId + "' is disabled. Save its definition again (PUT /api/pipelines/"
                    + pipelineId + ") to enable it, then upload the file again.");
        }
        Pipeline pipeline;
        try {
            pipeline = pipelines.get(version).pipeline();
        } catch (DoeException e) {
            if (e.isRetryable()) {
                throw e;
            }
            return refuse(blob, runId, pipelineId, version.version(), source, "File " + blob.describe()
                    + " was not processed: " + e.getMessage());
        }
        List<ModelUse> uses;
        if (existing.isPresent()) {
            uses = existing.get().models();
        } else {
            RunModels.Resolution resolution = models.resolve(runId, pipeline);
            if (!resolution.problems().isEmpty()) {
                return refuse(blob, runId, pipelineId, version.version(), source, "File " + blob.describe()
                        + " was not processed: pipeline '" + pipelineId + "' version " + version.version()
                        + " cannot run with the models in the registry: " + resolution.problems().stream()
                        .map(Problem::toString).collect(Collectors.joining("; "))
                        + " Upload the file again once the models are in place.");
            }
            uses = resolution.uses();
        }
        RunRecord record = runs.start(RunRecord.pending(runId, pipelineId, version.version(), source, clock.instant())
                .withModels(uses));
        if (record.status() != RunStatus.Pending) {
            return new StartOutcome.AlreadyStarted(record);
        }
        Ingested ingested;
        try {
            ingested = ingest(runId, pipeline, blob);
        } catch (RuntimeException e) {
            if (FailureClass.isRetryable(e)) {
                throw e;
            }
            String reason = "File " + blob.describe() + " could not be ingested by pipeline '" + pipelineId + "' version "
                    + version.version() + ": " + (e instanceof DoeException ? e.getMessage()
                    : e.getClass().getName() + ": " + e.getMessage() + ". Check that the file is a valid "
                    + pipeline.definition().source().format().name().toLowerCase(java.util.Locale.ROOT) + " file.");
            RunRecord failed = runs.update(runId, r -> r.finish(RunStatus.Failed, clock.instant(), reason));
            return refuse(blob, failed, reason);
        }
        RunInput input = new RunInput(runId, pipelineId, version.version(), version.datasetSchemaVersion(),
                ingested.chunks(), ingested.totals(), StagePlan.of(pipeline, Planner.plan(pipeline),
                RunModels.pins(record.models())),
                RunPolicy.of(pipeline.definition().settings(), maxRejectRatios(pipeline)));
        RunSnapshot snapshot = new RunSnapshot(input, List.of(), 0, RunStatus.Pending, 0);
        RunRecord recorded = runs.update(runId, r -> {
            RunRecord next = snapshot.applyTo(r);
            return ingested.profile() == null ? next : next.withProgress(next.rows(), next.stages(),
                    new RunQuality(next.quality().ruleFailures(), ingested.profile()));
        });
        return new StartOutcome.Start(recorded, RunState.start(input), blob.describe());
    }

    /** What ingest wrote; {@code profile} is null when the file was ingested by an earlier call. */
    private record Ingested(int chunks, StageTotals totals, List<FieldProfile> profile) {
    }

    /** Ingests the file unless an earlier call did (its marker is written only after the last chunk). */
    private Ingested ingest(String runId, Pipeline pipeline, LandedBlob blob) {
        StageTotals earlier = progress.done(runId, Plan.INGEST).get(INGEST_TASK);
        if (earlier != null) {
            return new Ingested(chunks.list(runId, Plan.INGEST).size(), earlier, null);
        }
        IngestStage.Result result = new IngestStage(pipeline, chunks, quarantine).ingest(runId, blob.file());
        StageTotals totals = StageTotals.of(result.stats());
        progress.markDone(runId, Plan.INGEST, INGEST_TASK, totals);
        return new Ingested(result.chunks(), totals, result.profile());
    }

    /** Per validate step id, its maxRejectRatio, for the orchestration's check. */
    private static Map<String, Double> maxRejectRatios(Pipeline pipeline) {
        Map<String, Double> out = new HashMap<>();
        for (StepDefinition step : pipeline.definition().steps()) {
            if (step.config() instanceof ValidateConfig v && v.maxRejectRatio() != null) {
                out.put(step.id(), v.maxRejectRatio());
            }
        }
        return out;
    }

    private StartOutcome refuse(LandedBlob blob, String runId, String pipelineId, int version, RunSource source,
                                String reason) {
        RunRecord record = runs.start(RunRecord.pending(runId, pipelineId, version, source, clock.instant())
                .finish(RunStatus.Failed, clock.instant(), reason));
        return refuse(blob, record, record.error());
    }

    private StartOutcome refuse(LandedBlob blob, RunRecord record, String reason) {
        String copy = rejected.setAside(blob, record.runId(), reason);
        LOG.warn("Run {} refused, file copied to {}: {}", record.runId(), copy, reason);
        return new StartOutcome.Refused(record, reason, copy);
    }
}
