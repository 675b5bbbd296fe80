package com.doe.kafka;

import com.doe.DoeException;
import com.doe.event.EventCodec;
import com.doe.event.RecordPosition;
import com.doe.event.UndecodableEventException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of a consume loop for one event type: poll, decode, hand each event to a handler,
 * commit. Delivery is at least once: offsets are committed after the handler returned or the
 * record was dead-lettered, so handlers must be idempotent (use the event id).
 * <ul>
 *   <li>A record that cannot be decoded, or whose handler fails permanently, goes to the
 *       dead-letter topic and the partition moves on: one bad record never blocks the ones
 *       behind it and never stops the loop.</li>
 *   <li>A retryable failure (registry or downstream outage) rewinds that partition to the
 *       failed record, which is polled again; other partitions carry on.</li>
 * </ul>
 * Not thread-safe, like the Kafka consumer it drives. Does not own the consumer or the producer.
 *
 * @param <T> the event class
 */
public final class EventPoller<T extends org.apache.avro.specific.SpecificRecord> {

    /** Processes one event. Must be idempotent: an event may be delivered more than once. */
    @FunctionalInterface
    public interface Handler<T> {
        /**
         * @throws com.doe.RetryableException to have the event delivered again
         * @throws RuntimeException any other failure dead-letters the event
         */
        void handle(T event, RecordPosition position);
    }

    /**
     * What one poll did.
     *
     * @param handled events the handler accepted
     * @param deadLettered records sent to the dead-letter topic
     * @param retried records to be delivered again after a retryable failure
     */
    public record Outcome(int handled, int deadLettered, int retried) {
        public int total() {
            return handled + deadLettered + retried;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventPoller.class);
    private static final String PROCESSING_FAILED = "PROCESSING_FAILED";

    private final Consumer<byte[], byte[]> consumer;
    private final EventCodec<T> codec;
    private final DeadLetterPublisher deadLetters;
    private final Handler<T> handler;

    public EventPoller(Consumer<byte[], byte[]> consumer, EventCodec<T> codec, DeadLetterPublisher deadLetters,
            Handler<T> handler) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Polls once, processes what arrived and commits it. */
    public Outcome pollOnce(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        List<PendingDeadLetter> pending = new ArrayList<>();
        int handled = 0;
        int retried = 0;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                RecordPosition at = new RecordPosition(record.topic(), record.partition(), record.offset());
                try {
                    handler.handle(codec.decode(record.value(), at), at);
                    handled++;
                } catch (UndecodableEventException e) {
                    LOG.warn("{}; sent to {}", e.getMessage(), deadLetters.topic());
                    pending.add(new PendingDeadLetter(partition, record.offset(), deadLetters.publish(at, record.key(),
                            record.value(), record.headers(), e.reason().name(), e.getMessage())));
                } catch (RuntimeException e) {
                    if (e instanceof DoeException doe && doe.isRetryable()) {
                        LOG.warn("Will retry the {} at {}: {}", codec.type(), at, e.getMessage());
                        consumer.seek(partition, record.offset());
                        retried += remainingFrom(records.records(partition), record.offset());
                        break;
                    }
                    String error = "Processing the " + codec.type() + " at " + at + " failed: " + e;
                    if (e instanceof DoeException) {
                        LOG.error("{}; sent to {}", error, deadLetters.topic());
                    } else {
                        LOG.error("{}; sent to {}", error, deadLetters.topic(), e);
                    }
                    pending.add(new PendingDeadLetter(partition, record.offset(), deadLetters.publish(at, record.key(),
                            record.value(), record.headers(), PROCESSING_FAILED, error)));
                }
                nextOffsets.put(partition, record.offset() + 1);
            }
        }
        int deadLettered = awaitDeadLetters(pending, nextOffsets);
        retried += pending.size() - deadLettered;
        commit(nextOffsets);
        return new Outcome(handled, deadLettered, retried);
    }

    /**
     * Waits for the dead-letter sends. A record whose send failed must not be committed: its
     * partition is rewound to it and committed only up to it.
     */
    private int awaitDeadLetters(List<PendingDeadLetter> pending, Map<TopicPartition, Long> nextOffsets) {
        int sent = 0;
        Map<TopicPartition, Long> rewinds = new HashMap<>();
        for (PendingDeadLetter letter : pending) {
            if (rewinds.containsKey(letter.partition())) {
                continue;
            }
            try {
                letter.send().get();
                sent++;
            } catch (ExecutionException e) {
                LOG.warn("Could not dead-letter the record at {} offset {}; it will be read again: {}",
                        letter.partition(), letter.offset(), e.getCause().toString());
                rewinds.put(letter.partition(), letter.offset());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rewinds.put(letter.partition(), letter.offset());
            }
        }
        rewinds.forEach((partition, offset) -> {
            consumer.seek(partition, offset);
            nextOffsets.put(partition, offset);
        });
        return sent;
    }

    private void commit(Map<TopicPartition, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        consumer.commitSync(offsets);
    }

    private static int remainingFrom(List<ConsumerRecord<byte[], byte[]>> records, long offset) {
        return (int) records.stream().filter(r -> r.offset() >= offset).count();
    }

    private record PendingDeadLetter(TopicPartition partition, long offset, Future<RecordMetadata> send) {
    }
}
