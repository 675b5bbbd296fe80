package com.doe.worker;

import static com.doe.worker.WorkerFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import com.doe.catalog.PipelineCatalog;
import com.doe.catalog.PipelineVersion;
import com.doe.catalog.SaveOutcome;
import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkCodec;
import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.InMemoryChunkStore;
import com.doe.event.EventCodec;
import com.doe.event.EventType;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageOutcome;
import com.doe.event.avro.StageTask;
import com.doe.format.SourceFile;
import com.doe.kafka.BatchDecoder;
import com.doe.kafka.DeadLetterPublisher;
import com.doe.kafka.KafkaBatch;
import com.doe.kafka.TopicNames;
import com.doe.orchestration.DispatchStageTasks;
import com.doe.orchestration.InMemoryStageProgress;
import com.doe.orchestration.StagePlan;
import com.doe.pipeline.Pipeline;
import com.doe.plan.IngestStage;
import com.doe.plan.Planner;
import com.doe.quarantine.InMemoryQuarantineSink;
import com.doe.schema.InMemoryRegistryStore;
import com.doe.schema.SchemaRegistry;
import com.doe.step.StageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class StageTaskBatchTest {

    private static final String RUN = "airports-0123456789abcdef0123";

    private final SchemaRegistry registry = new SchemaRegistry(new InMemoryRegistryStore());
    private final EventCodec<StageTask> codec = EventCodec.register(registry, EventType.STAGE_TASK);
    private final MockProducer<byte[], byte[]> deadLetters = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final PipelineCatalog catalog = WorkerFixtures.catalog();
    private final InMemoryChunkStore chunks = new InMemoryChunkStore();
    private final InMemoryQuarantineSink quarantine = new InMemoryQuarantineSink();
    private final CompiledPipelines pipelines = WorkerFixtures.transformOnly(catalog);
    private final PipelineVersion version = ((SaveOutcome.Created) catalog.save("airports", WorkerFixtures.AIRPORTS)).version();
    private final List<StageDone> published = new ArrayList<>();

    /** Ingests the sample file (2 chunks) and dispatches transform-1's tasks as the orchestration does. */
    private List<StageTask> transformTasks() {
        Pipeline pipeline = Pipeline.compile(WorkerFixtures.AIRPORTS);
        int ingested = new IngestStage(pipeline, chunks, quarantine).ingest(RUN, SourceFile.of("in.csv", WorkerFixtures.CSV)).chunks();
        StagePlan plan = StagePlan.of(pipeline, Planner.plan(pipeline)).stream()
                .filter(s -> s.name().equals("transform-1")).findFirst().orElseThrow();
        List<StageTask> tasks = new ArrayList<>();
        new DispatchStageTasks(new InMemoryStageProgress(), tasks::addAll, WorkerFixtures.WORK_URL, CLOCK)
                .run(new DispatchStageTasks.Request(RUN, "airports", version.version(), version.datasetSchemaVersion(),
                        plan, plan.tasks(ingested), 1));
        return tasks;
    }

    private StageTaskBatch batch(ChunkStore store, int parallelism) {
        StageWorker worker = new StageWorker(pipelines, store, quarantine, WorkerFixtures.QUARANTINE_URL, CLOCK);
        return new StageTaskBatch(worker, new BatchDecoder<>(codec, new DeadLetterPublisher(deadLetters)), published::addAll,
                parallelism);
    }

    private KafkaBatch records(List<StageTask> tasks, byte[]... extra) {
        List<byte[]> values = new ArrayList<>();
        tasks.forEach(t -> values.add(codec.encode(t)));
        values.addAll(List.of(extra));
        int[] partitions = new int[values.size()];
        long[] offsets = new long[values.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i;
        }
        return new KafkaBatch(TopicNames.TRANSFORM_TASKS, values.toArray(new byte[0][]), partitions, offsets);
    }

    @Test
    void runsTheTasksOfABatchAtTheSameTimeAndAnswersInBatchOrder() {
        List<StageTask> tasks = transformTasks();
        assertThat(tasks).hasSize(2);
        // Each read waits until both tasks are reading: run one after the other, the first would time out.
        CyclicBarrier bothReading = new CyclicBarrier(2);
        ChunkStore meetingStore = new ChunkStore() {
            @Override
            public void writeEncoded(ChunkId id, byte[] file) {
                chunks.writeEncoded(id, file);
            }

            @Override
            public ChunkCodec codec() {
                return chunks.codec();
            }

            @Override
            public void write(Chunk chunk) {
                chunks.write(chunk);
            }

            @Override
            public Chunk read(ChunkId id) {
                try {
                    bothReading.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("the other task of the batch is not running", e);
                }
                return chunks.read(id);
            }

            @Override
            public List<Integer> list(String runId, String stage) {
                return chunks.list(runId, stage);
            }
        };

        List<StageDone> answers = batch(meetingStore, 2).run(StageKind.TRANSFORM, records(tasks));

        assertThat(answers).extracting(StageDone::getOutcome).containsExactly(StageOutcome.SUCCEEDED, StageOutcome.SUCCEEDED);
        assertThat(answers).extracting(StageDone::getChunkIndex).containsExactly(0, 1);
        assertThat(published).isEqualTo(answers);
        assertThat(chunks.list(RUN, "transform-1")).containsExactly(0, 1);
    }

    @Test
    void aTaskOfAnotherKindIsDeadLetteredAndTheOthersAreAnswered() {
        List<StageTask> tasks = transformTasks();
        StageTask misrouted = StageTask.newBuilder(tasks.get(0)).setStageKind("load").setEventId("misrouted").build();

        List<StageDone> answers = batch(chunks, 2).run(StageKind.TRANSFORM, records(tasks, codec.encode(misrouted)));

        assertThat(answers).extracting(StageDone::getChunkIndex).containsExactly(0, 1);
        assertThat(deadLetters.history()).hasSize(1);
        assertThat(new String(deadLetters.history().get(0).headers().lastHeader(DeadLetterPublisher.REASON).value()))
                .isEqualTo("WRONG_TOPIC");
    }

    @Test
    void oneAtATimeGivesTheSameAnswers() {
        List<StageTask> tasks = transformTasks();

        List<StageDone> answers = batch(chunks, 1).run(StageKind.TRANSFORM, records(tasks));

        assertThat(answers).extracting(StageDone::getChunkIndex).containsExactly(0, 1);
        assertThat(answers).extracting(d -> d.getCounts().getRowsIn()).containsExactly(4L, 1L);
    }
}
