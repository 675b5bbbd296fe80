package com.doe.worker;

import static com.doe.worker.WorkerFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.RetryableException;
import com.doe.catalog.InMemoryPipelineStore;
import com.doe.catalog.PipelineCatalog;
import com.doe.catalog.PipelineVersion;
import com.doe.catalog.SaveOutcome;
import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.InMemoryChunkStore;
import com.doe.event.avro.ErrorClass;
import com.doe.event.avro.RuleFailure;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageOutcome;
import com.doe.event.avro.StageTask;
import com.doe.format.SourceFile;
import com.doe.orchestration.DispatchStageTasks;
import com.doe.orchestration.InMemoryStageProgress;
import com.doe.orchestration.StagePlan;
import com.doe.pipeline.Pipeline;
import com.doe.plan.IngestStage;
import com.doe.plan.Planner;
import com.doe.quarantine.InMemoryQuarantineSink;
import com.doe.quarantine.QuarantineEntry;
import com.doe.sink.RecordingSink;
import com.doe.step.StageKind;
import com.doe.step.StepCatalogue;
import com.doe.step.StepServices;
import com.doe.step.enrich.InMemoryLookupSource;
import com.doe.step.keys.InMemoryKeyClaimStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StageWorkerTest {

    private static final String RUN = "airports-0123456789abcdef0123";

    private final InMemoryPipelineStore pipelineStore = new InMemoryPipelineStore();
    private final AtomicInteger versionReads = new AtomicInteger();
    private final PipelineCatalog catalog = WorkerFixtures.catalog(new CountingPipelineStore(pipelineStore, versionReads));
    private final InMemoryChunkStore chunks = new InMemoryChunkStore();
    private final InMemoryQuarantineSink quarantine = new InMemoryQuarantineSink();
    private final CompiledPipelines pipelines = WorkerFixtures.transformOnly(catalog);
    private final PipelineVersion version = ((SaveOutcome.Created) catalog.save("airports", WorkerFixtures.AIRPORTS)).version();

    private StageWorker worker(ChunkStore store) {
        return new StageWorker(pipelines, store, quarantine, WorkerFixtures.QUARANTINE_URL, CLOCK);
    }

    /** Ingests the sample file and dispatches the stage's tasks as the orchestration does. */
    private List<StageTask> tasks(String stage, int attempt) {
        Pipeline pipeline = Pipeline.compile(WorkerFixtures.AIRPORTS);
        int ingested = new IngestStage(pipeline, chunks, quarantine).ingest(RUN, SourceFile.of("in.csv", WorkerFixtures.CSV)).chunks();
        StagePlan plan = StagePlan.of(pipeline, Planner.plan(pipeline)).stream().filter(s -> s.name().equals(stage))
                .findFirst().orElseThrow();
        List<StageTask> published = new ArrayList<>();
        new DispatchStageTasks(new InMemoryStageProgress(), published::addAll, WorkerFixtures.WORK_URL, CLOCK)
                .run(new DispatchStageTasks.Request(RUN, "airports", version.version(), version.datasetSchemaVersion(),
                        plan, plan.tasks(ingested), attempt));
        return published;
    }

    @Test
    void transformTaskWritesTheOutputChunkAndAnswersWithItsCounts() {
        StageTask task = tasks("transform-1", 1).get(0);

        StageDone done = worker(chunks).handle(task);

        assertThat(done.getOutcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(done.getError()).isNull();
        assertThat(done.getCounts().getRowsIn()).isEqualTo(4);
        assertThat(done.getCounts().getRowsRejected()).isEqualTo(2);
        assertThat(done.getCounts().getRowsOut()).isEqualTo(1);
        assertThat(done.getStageName()).isEqualTo("transform-1");
        assertThat(done.getChunkIndex()).isEqualTo(0);
        assertThat(done.getChunkCount()).isEqualTo(2);
        assertThat(done.getAttempt()).isEqualTo(1);
        assertThat(done.getStageIndex()).isEqualTo(1);
        assertThat(done.getTaskEventId()).isEqualTo(task.getEventId());
        assertThat(done.getPhaseMillis()).containsOnlyKeys("read", "process", "write");
        assertThat(done.getOutputUris()).containsExactly(
                WorkerFixtures.WORK_URL + "/" + RUN + "/transform-1/00000.avro",
                WorkerFixtures.QUARANTINE_URL + "/airports/" + RUN + "/transform-1/00000.jsonl");
        Chunk out = chunks.read(new ChunkId(RUN, "transform-1", 0));
        assertThat(out.rows()).extracting(r -> r.record().get("iata").toString()).containsExactly("AUS");
    }

    @Test
    void rejectionsAreCountedPerRuleAndPerStepAndQuarantinedWithReasons() {
        StageDone done = worker(chunks).handle(tasks("transform-1", 1).get(0));

        assertThat(done.getStepRejected()).containsExactlyInAnyOrderEntriesOf(Map.of("checks", 2L, "north", 0L));
        assertThat(done.getRuleFailures()).extracting(RuleFailure::getRule, RuleFailure::getField, RuleFailure::getRowsRejected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("iata-format", "iata", 1L),
                        org.assertj.core.groups.Tuple.tuple("lat-range", "latitude", 1L));
        assertThat(done.getRuleFailures()).allSatisfy(f -> assertThat(f.getExample()).isNotBlank());
        List<QuarantineEntry> transformRejects = quarantine.entries().stream().filter(e -> e.step().equals("checks")).toList();
        assertThat(transformRejects).extracting(QuarantineEntry::rule).containsExactlyInAnyOrder("iata-format", "lat-range");
        assertThat(transformRejects).extracting(e -> e.source().describe()).allMatch(s -> s.contains("in.csv"));
    }

    @Test
    void redeliveredTaskWritesTheSameBytesAndTheSameQuarantineAndAnswersWithTheSameEventId() {
        StageTask task = tasks("transform-1", 1).get(0);
        StageWorker worker = worker(chunks);

        StageDone first = worker.handle(task);
        byte[] firstBytes = chunks.bytes(new ChunkId(RUN, "transform-1", 0));
        List<String> firstBatches = quarantine.batchNames();
        List<QuarantineEntry> firstEntries = quarantine.entries();
        StageDone second = worker.handle(task);

        assertThat(second.getEventId()).isEqualTo(first.getEventId());
        assertThat(second.getCounts()).isEqualTo(first.getCounts());
        assertThat(second.getRuleFailures()).isEqualTo(first.getRuleFailures());
        assertThat(chunks.bytes(new ChunkId(RUN, "transform-1", 0))).isEqualTo(firstBytes);
        assertThat(quarantine.batchNames()).isEqualTo(firstBatches).contains("airports/" + RUN + "/transform-1/00000");
        assertThat(quarantine.entries()).isEqualTo(firstEntries);
    }

    @Test
    void unavailableStorageIsARetryableFailureAndTheNextAttemptPasses() {
        StageTask task = tasks("transform-1", 1).get(0);
        FlakyChunkStore flaky = new FlakyChunkStore(chunks, new RetryableException("Could not read chunk: ServerBusy"));

        StageDone failed = worker(flaky).handle(task);
        StageDone retried = worker(flaky).handle(tasks("transform-1", 2).get(0));

        assertThat(failed.getOutcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(failed.getError().getErrorClass()).isEqualTo(ErrorClass.RETRYABLE);
        assertThat(failed.getError().getMessage()).contains("Pipeline 'airports' version 1", "stage 'transform-1'", "chunk 0",
                "ServerBusy");
        assertThat(failed.getChunkCount()).isEqualTo(2);
        assertThat(retried.getOutcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(retried.getAttempt()).isEqualTo(2);
    }

    @Test
    void sdkTimeoutWrappedInAnUncheckedExceptionIsRetryable() {
        RuntimeException wrapped = new RuntimeException("reactor", new TimeoutException("Did not observe any item within 30s"));

        StageDone failed = worker(new FlakyChunkStore(chunks, wrapped)).handle(tasks("transform-1", 1).get(0));

        assertThat(failed.getError().getErrorClass()).isEqualTo(ErrorClass.RETRYABLE);
        assertThat(failed.getError().getExceptionType()).isEqualTo(RuntimeException.class.getName());
        assertThat(failed.getError().getMessage()).contains("TimeoutException: Did not observe any item within 30s");
    }

    @Test
    void missingInputChunkIsAPermanentFailureNamingPipelineStageAndChunk() {
        StageTask task = tasks("transform-1", 1).get(1);

        StageDone failed = worker(new InMemoryChunkStore()).handle(task);

        assertThat(failed.getOutcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(failed.getError().getErrorClass()).isEqualTo(ErrorClass.PERMANENT);
        assertThat(failed.getError().getMessage()).contains("Pipeline 'airports' version 1", "stage 'transform-1' (transform)",
                "chunk 1 of run '" + RUN + "'", RUN + "/ingest/00001.avro does not exist");
        assertThat(failed.getChunkIndex()).isEqualTo(1);
    }

    @Test
    void unexpectedExceptionIsPermanentAndSaysRetryingWillNotHelp() {
        StageDone failed = worker(new FlakyChunkStore(chunks, new IllegalStateException("bug"))).handle(tasks("transform-1", 1).get(0));

        assertThat(failed.getError().getErrorClass()).isEqualTo(ErrorClass.PERMANENT);
        assertThat(failed.getError().getMessage()).contains("IllegalStateException: bug", "Retrying will not help");
    }

    @Test
    void unknownPipelineVersionIsPermanent() {
        StageTask task = StageTask.newBuilder(tasks("transform-1", 1).get(0)).setPipelineVersion(7).build();

        StageDone failed = worker(chunks).handle(task);

        assertThat(failed.getError().getErrorClass()).isEqualTo(ErrorClass.PERMANENT);
        assertThat(failed.getError().getMessage()).contains("version 7");
    }

    @Test
    void loadStageIsAPermanentFailureUntilALoadStageIsRegistered() {
        StageTask task = tasks("load-2", 1).get(0);

        StageDone failed = worker(chunks).handle(task);

        assertThat(failed.getOutcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(failed.getError().getErrorClass()).isEqualTo(ErrorClass.PERMANENT);
        assertThat(failed.getError().getMessage()).contains("stage kind load is not available in this build", "load-2");
        assertThat(chunks.list(RUN, "load-2")).isEmpty();
    }

    @Test
    void aLoadStageThatNoStageReadsWritesItsSinksButNoOutputChunk() {
        worker(chunks).handle(tasks("transform-1", 1).get(0));
        RecordingSink graph = new RecordingSink("graph", r -> (String) r.record().get("iata"), r -> null);
        CompiledPipelines withLoad = new CompiledPipelines(catalog, StepCatalogue.standard(), Map.of(
                StageKind.TRANSFORM, StageFactory.transform(StepServices.of(new InMemoryLookupSource()), new InMemoryKeyClaimStore()),
                StageKind.LOAD, StageFactory.load(spec -> graph, runId -> LocalDate.of(2026, 3, 1))));
        StageTask task = tasks("load-2", 1).get(0);

        StageDone done = new StageWorker(withLoad, chunks, quarantine, WorkerFixtures.QUARANTINE_URL, CLOCK).handle(task);

        assertThat(done.getOutcome()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(graph.stored()).containsOnlyKeys("AUS");
        assertThat(chunks.list(RUN, "load-2")).as("load-2 is the last stage: its pass-through copy is not kept").isEmpty();
        assertThat(done.getOutputUris()).noneMatch(uri -> uri.contains("/load-2/"));
    }

    @Test
    void taskSentToTheWrongStageFunctionIsPermanent() {
        StageTask task = StageTask.newBuilder(tasks("transform-1", 1).get(0)).setStageKind("ml").build();

        StageDone failed = worker(chunks).handle(task);

        assertThat(failed.getError().getErrorClass()).isEqualTo(ErrorClass.PERMANENT);
        assertThat(failed.getError().getMessage()).contains("wrong stage function");
    }

    @Test
    void taskWithoutStageNameIsABrokenEventNotAnAnswer() {
        StageTask task = StageTask.newBuilder(tasks("transform-1", 1).get(0)).setStageName(null).build();

        assertThatThrownBy(() -> worker(chunks).handle(task)).isInstanceOf(InvalidTaskException.class)
                .hasMessageContaining("dead-letter");
    }

    @Test
    void compilesEachPipelineVersionOnce() {
        List<StageTask> tasks = tasks("transform-1", 1);
        int before = versionReads.get();
        StageWorker worker = worker(chunks);

        tasks.forEach(worker::handle);
        tasks.forEach(worker::handle);

        assertThat(versionReads.get() - before).isEqualTo(1);
        assertThat(pipelines.get("airports", 1)).isSameAs(pipelines.get("airports", 1));
    }

    /** Fails the first read with {@code failure}, then reads from {@code delegate}. */
    private static final class FlakyChunkStore implements ChunkStore {
        private final ChunkStore delegate;
        private RuntimeException failure;

        FlakyChunkStore(ChunkStore delegate, RuntimeException failure) {
            this.delegate = delegate;
            this.failure = failure;
        }

        @Override
        public void write(Chunk chunk) {
            delegate.write(chunk);
        }

        @Override
        public Chunk read(ChunkId id) {
            RuntimeException f = failure;
            if (f != null) {
                failure = null;
                throw f;
            }
            return delegate.read(id);
        }

        @Override
        public List<Integer> list(String runId, String stage) {
            return delegate.list(runId, stage);
        }
    }
}
