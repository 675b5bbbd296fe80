package com.doe.orchestration;

import com.doe.DoeException;
import com.doe.event.avro.StageDone;
import com.doe.kafka.BatchDecoder;
import com.doe.kafka.KafkaBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logic behind the {@code StageDoneRelay} function: records a batch of {@code StageDone}
 * answers through {@link StageDoneRelay} and returns the external events to raise, at most one per
 * run and event name (the orchestration re-reads the stage's progress, so one prompt is enough).
 * Undecodable records and answers that lack their stage or task count go to the dead-letter topic;
 * retryable failures (storage unavailable) are thrown so the batch is delivered again. Thread-safe.
 */
public final class StageDoneBatch {

    private static final Logger LOG = LoggerFactory.getLogger(StageDoneBatch.class);

    private final StageDoneRelay relay;
    private final BatchDecoder<StageDone> decoder;

    public StageDoneBatch(StageDoneRelay relay, BatchDecoder<StageDone> decoder) {
        this.relay = relay;
        this.decoder = decoder;
    }

    public List<StageDoneRelay.Raise> run(KafkaBatch batch) {
        Map<String, StageDoneRelay.Raise> raises = new LinkedHashMap<>();
        for (BatchDecoder.Decoded<StageDone> done : decoder.decode(batch)) {
            try {
                relay.onStageDone(done.event()).ifPresent(r -> raises.put(r.runId() + "/" + r.eventName(), r));
            } catch (DoeException e) {
                if (e.isRetryable()) {
                    throw e;
                }
                LOG.warn("{}; sent to the dead-letter topic", e.getMessage());
                decoder.deadLetter(done.position(), done.value(), "PROCESSING_FAILED", e.getMessage());
            }
        }
        return new ArrayList<>(raises.values());
    }
}
