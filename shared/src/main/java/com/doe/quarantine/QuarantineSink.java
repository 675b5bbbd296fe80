package com.doe.quarantine;

import java.util.List;

/**
 * Where rejected rows go. Entries are written per batch (one chunk of one stage), and writing the
 * same batch again replaces it, so at-least-once delivery of a chunk leaves one copy.
 *
 * <p>Implementations are thread-safe.
 */
public interface QuarantineSink {

    /**
     * Stores the entries of one batch.
     *
     * @param pipelineId the pipeline
     * @param runId      the run
     * @param batch      names the batch within the run, e.g. {@code transform-1/00003}
     * @param entries    the rejected rows, possibly empty (then nothing is written)
     */
    void write(String pipelineId, String runId, String batch, List<QuarantineEntry> entries);
}
