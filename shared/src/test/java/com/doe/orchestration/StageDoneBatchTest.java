package com.doe.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.event.EventCodec;
import com.doe.event.EventType;
import com.doe.event.avro.ErrorClass;
import com.doe.event.avro.ErrorInfo;
import com.doe.event.avro.RowCounts;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageOutcome;
import com.doe.kafka.BatchDecoder;
import com.doe.kafka.DeadLetterPublisher;
import com.doe.kafka.KafkaBatch;
import com.doe.schema.InMemoryRegistryStore;
import com.doe.schema.SchemaRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class StageDoneBatchTest {

    private final EventCodec<StageDone> codec = EventCodec.register(new SchemaRegistry(new InMemoryRegistryStore()),
            EventType.STAGE_DONE);
    private final MockProducer<byte[], byte[]> deadLetters = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final InMemoryStageProgress stored = new InMemoryStageProgress();
    private final AtomicInteger progressReads = new AtomicInteger();
    private final StageProgress progress = new StageProgress() {
        @Override
        public boolean markDone(String runId, String stage, int chunk, StageTotals totals) {
            return stored.markDone(runId, stage, chunk, totals);
        }

        @Override
        public boolean markFailed(String runId, String stage, ChunkFailure failure) {
            return stored.markFailed(runId, stage, failure);
        }

        @Override
        public Set<Integer> doneChunks(String runId, String stage) {
            progressReads.incrementAndGet();
            return stored.doneChunks(runId, stage);
        }

        @Override
        public Map<Integer, StageTotals> done(String runId, String stage) {
            progressReads.incrementAndGet();
            return stored.done(runId, stage);
        }

        @Override
        public List<ChunkFailure> failures(String runId, String stage) {
            return stored.failures(runId, stage);
        }
    };
    private final StageDoneBatch batch = new StageDoneBatch(new StageDoneRelay(progress),
            new BatchDecoder<>(codec, new DeadLetterPublisher(deadLetters)));

    private static StageDone.Builder event(String run, int chunk, int count) {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        return StageDone.newBuilder().setEventId("e-" + run + "-" + chunk).setRunId(run).setOccurredAt(at)
                .setTaskEventId("t").setPipelineId("p").setStageIndex(1).setStageKind("transform")
                .setStageName("transform-1").setChunkIndex(chunk).setChunkCount(count).setAttempt(1)
                .setStartedAt(at).setFinishedAt(at.plusMillis(3)).setCounts(new RowCounts(10L, 10L, 0L))
                .setOutcome(StageOutcome.SUCCEEDED);
    }

    private KafkaBatch records(StageDone... answers) {
        byte[][] values = new byte[answers.length][];
        long[] offsets = new long[answers.length];
        for (int i = 0; i < answers.length; i++) {
            values[i] = codec.encode(answers[i]);
            offsets[i] = i;
        }
        return new KafkaBatch("doe.stage-done", values, new int[answers.length], offsets);
    }

    @Test
    void recordsEveryAnswerThenReadsEachStagesProgressOnce() {
        List<StageDoneRelay.Raise> raises = batch.run(records(event("run-1", 0, 3).build(), event("run-2", 0, 1).build(),
                event("run-1", 2, 3).build(), event("run-1", 1, 3).build()));

        assertThat(raises).extracting(StageDoneRelay.Raise::runId).containsExactly("run-1", "run-2");
        assertThat(raises.get(0).signal()).isEqualTo(new StageSignal(1, "transform-1", 1, true, 1));
        assertThat(progressReads).as("one read per run and stage, not one per answer").hasValue(2);
        assertThat(stored.doneChunks("run-1", "transform-1")).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void aPermanentFailureRaisesBeforeTheOtherChunksAnswer() {
        StageDone failed = event("run-1", 1, 3).setOutcome(StageOutcome.FAILED).setCounts(new RowCounts(0L, 0L, 0L))
                .setError(ErrorInfo.newBuilder().setErrorClass(ErrorClass.PERMANENT).setMessage("boom").build()).build();

        List<StageDoneRelay.Raise> raises = batch.run(records(event("run-1", 0, 3).build(), failed));

        assertThat(raises).singleElement().extracting(StageDoneRelay.Raise::signal)
                .isEqualTo(new StageSignal(1, "transform-1", 1, false, 1));
    }

    @Test
    void anAnswerWithoutItsStageIsDeadLetteredAndTheRestRelayed() {
        StageDone stageless = event("run-1", 0, 1).setStageName(null).build();

        List<StageDoneRelay.Raise> raises = batch.run(records(stageless, event("run-2", 0, 1).build()));

        assertThat(raises).extracting(StageDoneRelay.Raise::runId).containsExactly("run-2");
        assertThat(deadLetters.history()).hasSize(1);
    }
}
