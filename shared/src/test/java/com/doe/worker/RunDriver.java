package com.doe.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.catalog.PipelineCatalog;
import com.doe.chunk.ChunkStore;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageOutcome;
import com.doe.event.avro.StageTask;
import com.doe.format.SourceFile;
import com.doe.ml.RunModels;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.registry.ModelStore;
import com.doe.ml.score.ModelSource;
import com.doe.orchestration.DispatchStageTasks;
import com.doe.orchestration.FinishRun;
import com.doe.orchestration.InspectStage;
import com.doe.orchestration.RunInput;
import com.doe.orchestration.RunSnapshot;
import com.doe.orchestration.StagePlan;
import com.doe.orchestration.StageProgress;
import com.doe.orchestration.StageReport;
import com.doe.orchestration.StageDoneRelay;
import com.doe.orchestration.StageSummary;
import com.doe.quarantine.QuarantineSink;
import com.doe.run.InMemoryRunStore;
import com.doe.run.RunLedger;
import com.doe.run.RunRecord;
import com.doe.run.RunStatus;
import com.doe.step.StageKind;
import com.doe.step.StepCatalogue;
import com.doe.step.StepServices;
import com.doe.step.enrich.InMemoryLookupSource;
import com.doe.step.keys.InMemoryKeyClaimStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives runs the way the orchestration does, without the durable runtime: {@link RunStarter}, then
 * per stage {@link DispatchStageTasks} (attempt 1), {@link StageWorker}, {@link StageDoneRelay},
 * {@link InspectStage}, and {@link FinishRun}. Chunks, progress markers, quarantine and the model
 * registry are the caller's (in memory for unit tests, Blob Storage for integration tests); pipelines
 * and run records are in memory. Transform and ml stages only.
 */
final class RunDriver {

    static final Clock CLOCK = WorkerFixtures.CLOCK;

    final PipelineCatalog catalog = WorkerFixtures.catalog();
    final RunLedger runs = new RunLedger(new InMemoryRunStore());
    final ModelRegistry registry;
    final ChunkStore chunks;
    final StageProgress progress;
    private final RunStarter starter;
    private final StageWorker worker;
    private final StageDoneRelay relay;

    RunDriver(ChunkStore chunks, QuarantineSink quarantine, StageProgress progress, ModelStore models) {
        this.chunks = chunks;
        this.progress = progress;
        this.registry = new ModelRegistry(models, CLOCK);
        ModelSource source = new ModelSource(registry);
        CompiledPipelines pipelines = new CompiledPipelines(catalog, StepCatalogue.standard(), Map.of(
                StageKind.TRANSFORM, StageFactory.transform(StepServices.of(new InMemoryLookupSource()),
                        new InMemoryKeyClaimStore()),
                StageKind.ML, StageFactory.ml(source, CLOCK)));
        this.starter = new RunStarter(catalog, pipelines, runs, chunks, quarantine, progress, new InMemoryRejectedFiles(),
                new RunModels(source), CLOCK);
        this.worker = new StageWorker(pipelines, chunks, quarantine, WorkerFixtures.QUARANTINE_URL, CLOCK);
        this.relay = new StageDoneRelay(progress);
    }

    /** Lands {@code content} as {@code landing/{pipelineId}/{name}} and starts its run. */
    StartOutcome land(String pipelineId, String name, String etag, byte[] content) {
        return starter.start(new LandedBlob("landing", pipelineId + "/" + name, etag, SourceFile.of(name, content)));
    }

    /** The stage's tasks, published as the orchestration's dispatch activity would. */
    List<StageTask> dispatch(RunInput input, StagePlan stage, int attempt) {
        List<StageTask> published = new ArrayList<>();
        new DispatchStageTasks(progress, published::addAll, WorkerFixtures.WORK_URL, CLOCK).run(
                new DispatchStageTasks.Request(input.runId(), input.pipelineId(), input.pipelineVersion(),
                        input.datasetSchemaVersion(), stage, stage.tasks(input.ingestChunks()), attempt));
        return published;
    }

    /** Runs a task and relays its answer, as the stage function and the relay function do. */
    StageDone handle(StageTask task) {
        StageDone done = worker.handle(task);
        relay.onStageDone(done);
        return done;
    }

    /** The stage's progress, which must be complete. */
    StageSummary finish(RunInput input, StagePlan stage) {
        int tasks = stage.tasks(input.ingestChunks());
        StageReport report = new InspectStage(progress).run(new InspectStage.Request(input.runId(), stage, tasks, 1));
        assertThat(report.permanent()).as("stage %s failed", stage.name()).isNull();
        assertThat(report.done()).as("tasks done in stage %s", stage.name()).isEqualTo(tasks);
        return new StageSummary(stage.index(), stage.name(), report.totals(), tasks, 1, 0);
    }

    /** Runs every task of a stage once and returns its summary. */
    StageSummary runStage(RunInput input, StagePlan stage) {
        for (StageTask task : dispatch(input, stage, 1)) {
            assertThat(handle(task).getOutcome()).as("task %s", task.getEventId()).isEqualTo(StageOutcome.SUCCEEDED);
        }
        return finish(input, stage);
    }

    /** Writes the final record as the orchestration's last activity does. */
    RunRecord complete(RunInput input, List<StageSummary> stages) {
        return new FinishRun(runs, events -> { }, CLOCK).run(new FinishRun.Request(
                new RunSnapshot(input, stages, 0, RunStatus.Completed, 0), RunStatus.Completed, null));
    }
}
