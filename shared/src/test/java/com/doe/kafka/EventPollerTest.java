package com.doe.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.DoeException;
import com.doe.RetryableException;
import com.doe.event.EventCodec;
import com.doe.event.EventType;
import com.doe.event.RecordPosition;
import com.doe.event.TestEvents;
import com.doe.event.avro.StageTask;
import com.doe.schema.InMemoryRegistryStore;
import com.doe.schema.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventPollerTest {

    private static final String TOPIC = EventType.STAGE_TASK.topic();
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final EventCodec<StageTask> codec =
            EventCodec.register(new SchemaRegistry(new InMemoryRegistryStore()), EventType.STAGE_TASK);
    private final List<Integer> handledStages = new ArrayList<>();

    @BeforeEach
    void assignPartitions() {
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    private EventPoller<StageTask> poller(EventPoller.Handler<StageTask> handler) {
        return new EventPoller<>(consumer, codec, new DeadLetterPublisher(producer), handler);
    }

    private void add(TopicPartition partition, long offset, byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, partition.partition(), offset, "key".getBytes(), value));
    }

    private byte[] task(int stage) {
        return codec.encode(TestEvents.stageTask(stage));
    }

    @Test
    void corruptRecordAndUnknownFingerprintAreDeadLetteredAndTheNextRecordIsHandled() {
        byte[] unknownFingerprint = task(99);
        unknownFingerprint[3] ^= 0x11;
        add(P0, 0, task(0));
        add(P0, 1, "not avro".getBytes(StandardCharsets.UTF_8));
        add(P0, 2, unknownFingerprint);
        add(P0, 3, task(3));

        EventPoller.Outcome outcome = poller((event, at) -> handledStages.add(event.getStageIndex()))
                .pollOnce(Duration.ZERO);

        assertThat(outcome).isEqualTo(new EventPoller.Outcome(2, 2, 0));
        assertThat(handledStages).containsExactly(0, 3);
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(4));
        List<ProducerRecord<byte[], byte[]>> letters = producer.history();
        assertThat(letters).extracting(ProducerRecord::topic).containsOnly(TopicNames.DEAD_LETTER);
        assertThat(header(letters.get(0), DeadLetterPublisher.REASON)).isEqualTo("NOT_SINGLE_OBJECT_ENCODED");
        assertThat(header(letters.get(0), DeadLetterPublisher.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(letters.get(0), DeadLetterPublisher.ERROR))
                .startsWith("Cannot decode the event at topic doe.stage-task partition 0 offset 1: ");
        assertThat(header(letters.get(1), DeadLetterPublisher.REASON)).isEqualTo("UNKNOWN_SCHEMA");
        assertThat(letters.get(1).value()).isEqualTo(unknownFingerprint);
        assertThat(letters.get(1).key()).isEqualTo("key".getBytes());
    }

    @Test
    void retryableFailureRewindsOnlyItsPartition() {
        byte[] stage0 = task(0);
        byte[] stage1 = task(1);
        add(P0, 0, stage0);
        add(P0, 1, stage1);
        add(P1, 0, task(10));
        EventPoller<StageTask> poller = poller((event, at) -> {
            if (event.getStageIndex() == 0 && handledStages.stream().noneMatch(s -> s == -1)) {
                handledStages.add(-1);
                throw new RetryableException("downstream unavailable");
            }
            handledStages.add(event.getStageIndex());
        });

        EventPoller.Outcome first = poller.pollOnce(Duration.ZERO);
        assertThat(first).isEqualTo(new EventPoller.Outcome(1, 0, 2));
        assertThat(consumer.position(P0)).isZero();
        assertThat(consumer.position(P1)).isEqualTo(1);
        // The broker delivers again from the rewound position (MockConsumer needs the records re-added).
        add(P0, 0, stage0);
        add(P0, 1, stage1);
        EventPoller.Outcome second = poller.pollOnce(Duration.ZERO);

        assertThat(second).isEqualTo(new EventPoller.Outcome(2, 0, 0));
        assertThat(handledStages).containsExactlyInAnyOrder(-1, 10, 0, 1);
        assertThat(consumer.committed(Set.of(P0, P1)))
                .containsEntry(P0, new OffsetAndMetadata(2)).containsEntry(P1, new OffsetAndMetadata(1));
    }

    @Test
    void permanentHandlerFailureIsDeadLetteredAndDoesNotStopThePartition() {
        add(P0, 0, task(0));
        add(P0, 1, task(1));

        EventPoller.Outcome outcome = poller((event, at) -> {
            if (event.getStageIndex() == 0) {
                throw new DoeException("pipeline 'customers' no longer exists");
            }
            handledStages.add(event.getStageIndex());
        }).pollOnce(Duration.ZERO);

        assertThat(outcome).isEqualTo(new EventPoller.Outcome(1, 1, 0));
        assertThat(handledStages).containsExactly(1);
        assertThat(header(producer.history().get(0), DeadLetterPublisher.REASON)).isEqualTo("PROCESSING_FAILED");
    }

    @Test
    void recordIsNotCommittedWhenItsDeadLetterCannotBeSent() {
        producer.sendException = new KafkaException("dead-letter topic unavailable");
        add(P0, 0, task(0));
        add(P0, 1, "garbage".getBytes(StandardCharsets.UTF_8));
        add(P0, 2, task(2));

        EventPoller.Outcome outcome = poller((event, at) -> handledStages.add(event.getStageIndex()))
                .pollOnce(Duration.ZERO);

        assertThat(outcome.deadLettered()).isZero();
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(1));
        assertThat(consumer.position(P0)).isEqualTo(1);
    }

    @Test
    void handlerSeesThePositionOfEachEvent() {
        add(P1, 7, task(5));
        List<RecordPosition> positions = new ArrayList<>();

        poller((event, at) -> positions.add(at)).pollOnce(Duration.ZERO);

        assertThat(positions).containsExactly(new RecordPosition(TOPIC, 1, 7));
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
