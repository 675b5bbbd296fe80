package com.doe.run;

import com.doe.stats.RunTotals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything known about one run, as {@code GET /api/runs/{runId}} returns it. Immutable; changes
 * are new records stored through {@link RunLedger}.
 *
 * @param runId           deterministic from the pipeline, the blob and its ETag ({@link RunIds})
 * @param pipelineVersion the version the run started with and keeps to the end (0 when the pipeline
 *                        did not exist)
 * @param finishedAt      null until the run is final
 * @param rows            read = written + rejected + filtered once the run is final
 * @param quarantine      where rejected rows are ({@code quarantine/{pipelineId}/{runId}/})
 * @param error           why the run failed or was cancelled, null otherwise (a retry moves it to
 *                        {@code retries})
 * @param retries         the run's retries, oldest first; empty when it was never retried
 * @param models          the model versions the run trains and scores with, fixed when it started (empty
 *                        when the pipeline has no ML steps)
 */
public record RunRecord(String runId, String pipelineId, int pipelineVersion, RunStatus status, RunSource source,
                        Instant startedAt, Instant finishedAt, RunTotals rows, List<StageRecord> stages,
                        RunQuality quality, String quarantine, String error, List<RetryRecord> retries,
                        List<ModelUse> models) {

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        rows = rows == null ? new RunTotals(0, 0, 0, 0) : rows;
        stages = stages == null ? List.of() : List.copyOf(stages);
        quality = quality == null ? RunQuality.NONE : quality;
        retries = retries == null ? List.of() : List.copyOf(retries);
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A record that was never retried and uses no models. */
    public RunRecord(String runId, String pipelineId, int pipelineVersion, RunStatus status, RunSource source,
                     Instant startedAt, Instant finishedAt, RunTotals rows, List<StageRecord> stages,
                     RunQuality quality, String quarantine, String error) {
        this(runId, pipelineId, pipelineVersion, status, source, startedAt, finishedAt, rows, stages, quality,
                quarantine, error, List.of(), List.of());
    }

    /** A run that has just been accepted and waits for its first stage. */
    public static RunRecord pending(String runId, String pipelineId, int pipelineVersion, RunSource source,
                                    Instant startedAt) {
        return new RunRecord(runId, pipelineId, pipelineVersion, RunStatus.Pending, source, startedAt, null, null,
                List.of(), RunQuality.NONE, "quarantine/" + pipelineId + "/" + runId + "/", null);
    }

    public RunRecord withStatus(RunStatus newStatus) {
        return new RunRecord(runId, pipelineId, pipelineVersion, newStatus, source, startedAt, finishedAt, rows, stages,
                quality, quarantine, error, retries, models);
    }

    public RunRecord withProgress(RunTotals newRows, List<StageRecord> newStages, RunQuality newQuality) {
        return new RunRecord(runId, pipelineId, pipelineVersion, status, source, startedAt, finishedAt, newRows,
                newStages, newQuality, quarantine, error, retries, models);
    }

    /** The record with the models the run uses. */
    public RunRecord withModels(List<ModelUse> newModels) {
        return new RunRecord(runId, pipelineId, pipelineVersion, status, source, startedAt, finishedAt, rows, stages,
                quality, quarantine, error, retries, newModels);
    }

    /** The final record: {@code status} must be final; {@code reason} is null for {@code Completed}. */
    public RunRecord finish(RunStatus finalStatus, Instant at, String reason) {
        if (!finalStatus.isFinal()) {
            throw new IllegalArgumentException(finalStatus + " is not a final status");
        }
        return new RunRecord(runId, pipelineId, pipelineVersion, finalStatus, source, startedAt, at, rows, stages,
                quality, quarantine, reason, retries, models);
    }

    /**
     * The record of a {@code Failed} or {@code Cancelled} run that {@code retry} resumes: {@code Running}
     * again, not finished, its error moved to {@code retries}, and the resumed stage {@code Running}.
     * Rows and the other stages stay as they were until the orchestration records its progress.
     */
    public RunRecord retried(RetryRecord retry) {
        if (status != RunStatus.Failed && status != RunStatus.Cancelled) {
            throw new IllegalStateException("run '" + runId + "' is " + status + "; only a Failed or Cancelled run is retried");
        }
        List<StageRecord> newStages = stages.stream().map(s -> s.index() != retry.fromStage() ? s
                : new StageRecord(s.index(), s.kind(), s.steps(), RunStatus.Running, s.rowsIn(), s.rowsOut(),
                        s.rejected(), s.chunks(), s.attempts(), s.durationMs())).toList();
        List<RetryRecord> newRetries = new ArrayList<>(retries);
        newRetries.add(retry);
        return new RunRecord(runId, pipelineId, pipelineVersion, RunStatus.Running, source, startedAt, null, rows,
                newStages, quality, quarantine, null, newRetries, models);
    }
}
