package com.doe.orchestration;

import com.doe.event.EventCodec;
import com.doe.event.EventType;
import com.doe.event.TestEvents;
import com.doe.event.avro.StageTask;
import com.doe.kafka.TopicNames;
import com.doe.schema.InMemoryRegistryStore;
import com.doe.schema.SchemaRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaEventPublisherTest {

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final EventCodec<StageTask> codec =
            EventCodec.register(new SchemaRegistry(new InMemoryRegistryStore()), EventType.STAGE_TASK);

    private static StageTask task(String kind) {
        StageTask task = TestEvents.stageTask(1);
        task.setStageKind(kind);
        return task;
    }

    @Test
    void tasksGoToTheirStageKindsTopicKeyedByRun() {
        KafkaEventPublisher<StageTask> publisher = new KafkaEventPublisher<>(producer, codec, StageTask::getRunId,
                t -> TopicNames.stageTasks(String.valueOf(t.getStageKind())));

        publisher.publish(List.of(task("transform"), task("load"), task("ml")));

        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("doe.stage-task.transform", "doe.stage-task.load", "doe.stage-task.ml");
        assertThat(producer.history()).extracting(ProducerRecord::key).containsOnly("run-20250101-0001");
    }

    @Test
    void withoutATopicFunctionEventsGoToTheirTypesTopic() {
        new KafkaEventPublisher<>(producer, codec, StageTask::getRunId).publish(List.of(task("transform")));

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(EventType.STAGE_TASK.topic());
    }

    @Test
    void aTaskOfAnUnknownKindIsRefusedBeforeAnythingIsSent() {
        KafkaEventPublisher<StageTask> publisher = new KafkaEventPublisher<>(producer, codec, StageTask::getRunId,
                t -> TopicNames.stageTasks(String.valueOf(t.getStageKind())));

        assertThatThrownBy(() -> publisher.publish(List.of(task("validate"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(producer.history()).isEmpty();
    }
}
