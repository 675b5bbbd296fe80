package com.doe.kafka;

import com.doe.RetryableException;
import com.doe.event.EventCodec;
import com.doe.event.RecordPosition;
import com.doe.event.UndecodableEventException;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decodes the events of a {@link KafkaBatch} and sends the records that cannot be decoded to the
 * dead-letter topic (waiting for the broker's acknowledgement), so one bad record never blocks the
 * batch and is never lost. Thread-safe.
 *
 * @param <T> the event class
 */
public final class BatchDecoder<T extends SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchDecoder.class);
    private static final long ACK_SECONDS = 60;

    /** An event and where it was read from. */
    public record Decoded<T>(T event, RecordPosition position, byte[] value) {
    }

    private final EventCodec<T> codec;
    private final DeadLetterPublisher deadLetters;

    public BatchDecoder(EventCodec<T> codec, DeadLetterPublisher deadLetters) {
        this.codec = codec;
        this.deadLetters = deadLetters;
    }

    /**
     * @return the decodable events, in batch order
     * @throws RetryableException when a dead letter could not be sent (the batch must be delivered again)
     */
    public List<Decoded<T>> decode(KafkaBatch batch) {
        List<Decoded<T>> events = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            RecordPosition at = batch.position(i);
            try {
                events.add(new Decoded<>(codec.decode(batch.values()[i], at), at, batch.values()[i]));
            } catch (UndecodableEventException e) {
                LOG.warn("{}; sent to {}", e.getMessage(), deadLetters.topic());
                deadLetter(at, batch.values()[i], e.reason().name(), e.getMessage());
            }
        }
        return events;
    }

    /**
     * Sends one record to the dead-letter topic and waits for the acknowledgement.
     *
     * @throws RetryableException when the send failed
     */
    public void deadLetter(RecordPosition at, byte[] value, String reason, String error) {
        Future<?> sent = deadLetters.publish(at, null, value, null, reason, error);
        try {
            sent.get(ACK_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new RetryableException("Could not dead-letter the record at " + at + " to " + deadLetters.topic()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("Interrupted while dead-lettering the record at " + at, e);
        }
    }

    public EventCodec<T> codec() {
        return codec;
    }
}
