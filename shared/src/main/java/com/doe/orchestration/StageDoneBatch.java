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
 * Every answer is recorded first; then the progress of each run, stage and attempt in the batch is
 * read once, not once per answer. Undecodable records and answers that lack their stage or task
 * count go to the dead-letter topic; retryable failures (storage unavailable) are thrown so the batch
 * is delivered again. Thread-safe.
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
        // Per run, stage and attempt: the answer to check with (a permanent failure if there was one).
        Map<String, BatchDecoder.Decoded<StageDone>> toCheck = new LinkedHashMap<>();
        Map<String, Boolean> permanent = new LinkedHashMap<>();
        for (BatchDecoder.Decoded<StageDone> done : decoder.decode(batch)) {
            StageDone event = done.event();
            try {
                boolean failed = relay.record(event);
                String key = event.getRunId() + "/" + event.getStageName() + "/" + event.getAttempt();
                if (failed || !permanent.getOrDefault(key, false)) {
                    toCheck.put(key, done);
                    permanent.put(key, failed);
                }
            } catch (DoeException e) {
                deadLetter(done, e);
            }
        }
        Map<String, StageDoneRelay.Raise> raises = new LinkedHashMap<>();
        toCheck.forEach((key, done) -> {
            try {
                relay.check(done.event(), permanent.get(key)).ifPresent(r -> raises.put(r.runId() + "/" + r.eventName(), r));
            } catch (DoeException e) {
                deadLetter(done, e);
            }
        });
        return new ArrayList<>(raises.values());
    }

    /** Dead-letters a record that can never be relayed; a retryable failure is thrown instead. */
    private void deadLetter(BatchDecoder.Decoded<StageDone> done, DoeException e) {
        if (e.isRetryable()) {
            throw e;
        }
        LOG.warn("{}; sent to the dead-letter topic", e.getMessage());
        decoder.deadLetter(done.position(), done.value(), "PROCESSING_FAILED", e.getMessage());
    }
}
