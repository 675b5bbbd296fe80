package com.doe.app;

import com.doe.event.EventCodec;
import com.doe.event.EventType;
import com.doe.event.avro.RunCompleted;
import com.doe.event.avro.RunStarted;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageTask;
import com.doe.kafka.BatchDecoder;
import com.doe.kafka.DeadLetterPublisher;
import com.doe.kafka.KafkaClientConfigs;
import com.doe.kafka.TopicNames;
import com.doe.orchestration.EventPublisher;
import com.doe.orchestration.KafkaEventPublisher;
import com.doe.schema.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The run flow's Kafka side in one worker process: one producer for events (keyed by run id, so a
 * run's events keep their order) and one for dead letters, the event codecs (each registers its
 * schema once), the publishers the orchestration's activities and the functions use, and the
 * batch decoders of the Kafka-triggered functions.
 *
 * <p>Producers are created on first use and closed by {@link #close()}. Thread-safe.
 */
public final class RunMessaging implements AutoCloseable {

    private final KafkaClientConfigs configs;
    private final SchemaRegistry registry;
    private final Map<EventType<?>, EventCodec<?>> codecs = new ConcurrentHashMap<>();
    private volatile Producer<String, byte[]> events;
    private volatile Producer<byte[], byte[]> deadLetterProducer;

    public RunMessaging(KafkaClientConfigs configs, SchemaRegistry registry) {
        this.configs = configs;
        this.registry = registry;
    }

    public KafkaClientConfigs configs() {
        return configs;
    }

    public EventPublisher<RunStarted> runStarted() {
        return publisher(EventType.RUN_STARTED, RunStarted::getRunId);
    }

    /** Each task goes to the topic of its stage kind, read only by that kind's function. */
    public EventPublisher<StageTask> stageTasks() {
        return new KafkaEventPublisher<>(eventProducer(), codec(EventType.STAGE_TASK), StageTask::getRunId,
                task -> TopicNames.stageTasks(String.valueOf(task.getStageKind())));
    }

    public EventPublisher<StageDone> stageDones() {
        return publisher(EventType.STAGE_DONE, StageDone::getRunId);
    }

    public EventPublisher<RunCompleted> runCompleted() {
        return publisher(EventType.RUN_COMPLETED, RunCompleted::getRunId);
    }

    /** Decodes a batch of {@code StageTask}s; undecodable records go to the dead-letter topic. */
    public BatchDecoder<StageTask> stageTaskDecoder() {
        return new BatchDecoder<>(codec(EventType.STAGE_TASK), deadLetters());
    }

    /** Decodes a batch of {@code StageDone}s; undecodable records go to the dead-letter topic. */
    public BatchDecoder<StageDone> stageDoneDecoder() {
        return new BatchDecoder<>(codec(EventType.STAGE_DONE), deadLetters());
    }

    public DeadLetterPublisher deadLetters() {
        return new DeadLetterPublisher(deadLetterProducer());
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> EventCodec<T> codec(EventType<T> type) {
        return (EventCodec<T>) codecs.computeIfAbsent(type, t -> EventCodec.register(registry, t));
    }

    private <T extends SpecificRecord> EventPublisher<T> publisher(EventType<T> type, Function<T, String> runId) {
        return new KafkaEventPublisher<>(eventProducer(), codec(type), runId);
    }

    private Producer<String, byte[]> eventProducer() {
        Producer<String, byte[]> p = events;
        if (p == null) {
            synchronized (this) {
                p = events;
                if (p == null) {
                    Map<String, Object> config = configs.producer("doe-events");
                    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    p = new KafkaProducer<>(config);
                    events = p;
                }
            }
        }
        return p;
    }

    private Producer<byte[], byte[]> deadLetterProducer() {
        Producer<byte[], byte[]> p = deadLetterProducer;
        if (p == null) {
            synchronized (this) {
                p = deadLetterProducer;
                if (p == null) {
                    p = new KafkaProducer<>(configs.producer("doe-dead-letters"));
                    deadLetterProducer = p;
                }
            }
        }
        return p;
    }

    @Override
    public synchronized void close() {
        if (events != null) {
            events.close();
        }
        if (deadLetterProducer != null) {
            deadLetterProducer.close();
        }
    }
}
