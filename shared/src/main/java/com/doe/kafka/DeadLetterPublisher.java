package com.doe.kafka;

import com.doe.event.RecordPosition;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records that cannot be processed to the dead-letter topic, unchanged (same key, value
 * and headers, so they can be inspected and replayed), with headers that say where they came
 * from and why:
 * <ul>
 *   <li>{@code doe.dlq.topic}, {@code doe.dlq.partition}, {@code doe.dlq.offset}: the source</li>
 *   <li>{@code doe.dlq.reason}: a code, e.g. {@code UNKNOWN_SCHEMA}, {@code CORRUPT_BODY},
 *       {@code PROCESSING_FAILED}</li>
 *   <li>{@code doe.dlq.error}: the error message, naming the fix</li>
 * </ul>
 * Thread-safe when the producer is (KafkaProducer is). Does not own the producer.
 */
public final class DeadLetterPublisher {

    public static final String SOURCE_TOPIC = "doe.dlq.topic";
    public static final String SOURCE_PARTITION = "doe.dlq.partition";
    public static final String SOURCE_OFFSET = "doe.dlq.offset";
    public static final String REASON = "doe.dlq.reason";
    public static final String ERROR = "doe.dlq.error";

    private static final int MAX_ERROR_BYTES = 8_000;

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer) {
        this(producer, TopicNames.DEAD_LETTER);
    }

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /**
     * Sends one record to the dead-letter topic. Complete the returned future before committing
     * the source offset, or the record may be lost. Never throws: a failed send is a failed future.
     */
    public Future<RecordMetadata> publish(RecordPosition from, byte[] key, byte[] value, Headers original,
            String reason, String error) {
        Headers headers = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                headers.add(header);
            }
        }
        headers.add(SOURCE_TOPIC, utf8(from.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(from.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(from.offset())));
        headers.add(REASON, utf8(reason));
        byte[] message = utf8(error == null ? "" : error);
        if (message.length > MAX_ERROR_BYTES) {
            message = java.util.Arrays.copyOf(message, MAX_ERROR_BYTES);
        }
        headers.add(ERROR, message);
        try {
            return producer.send(new ProducerRecord<>(topic, null, key, value, headers));
        } catch (RuntimeException e) {
            // A send that fails at once (buffer full, producer closed) is reported like a late
            // failure, so the caller handles both in one place and never commits past the record.
            return CompletableFuture.failedFuture(e);
        }
    }

    public String topic() {
        return topic;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
