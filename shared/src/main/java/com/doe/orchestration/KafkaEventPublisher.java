package com.doe.orchestration;

import com.doe.DoeException;
import com.doe.RetryableException;
import com.doe.event.EventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Publishes a batch of events to their topic (their type's, unless given): sends them all, then waits for every
 * acknowledgement. Does not own the producer (one per worker process). Thread-safe, as the producer.
 *
 * @param <T> the event class
 */
public final class KafkaEventPublisher<T extends SpecificRecord> implements EventPublisher<T> {

    private final Producer<String, byte[]> producer;
    private final EventCodec<T> codec;
    private final Function<T, String> key;
    private final Function<T, String> topic;

    /** @param key the record key: events with the same key keep their order (one partition) */
    public KafkaEventPublisher(Producer<String, byte[]> producer, EventCodec<T> codec, Function<T, String> key) {
        this(producer, codec, key, event -> codec.type().topic());
    }

    /** @param topic the topic of each event, for event types spread over several topics */
    public KafkaEventPublisher(Producer<String, byte[]> producer, EventCodec<T> codec, Function<T, String> key,
                               Function<T, String> topic) {
        this.producer = producer;
        this.codec = codec;
        this.key = key;
        this.topic = topic;
    }

    @Override
    public void publish(List<T> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (T event : events) {
            sent.add(producer.send(new ProducerRecord<>(topic.apply(event), key.apply(event), codec.encode(event))));
        }
        String topics = events.isEmpty() ? codec.type().topic() : topic.apply(events.get(0));
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryableException("Interrupted while publishing to " + topics, e);
            } catch (ExecutionException e) {
                String msg = "Publishing " + events.size() + " " + codec.type() + " events to " + topics + " failed: "
                        + e.getCause().getMessage();
                throw e.getCause() instanceof RetriableException ? new RetryableException(msg, e.getCause())
                        : new DoeException(msg + ". Check the topic exists and the producer settings.", e.getCause());
            }
        }
    }
}
