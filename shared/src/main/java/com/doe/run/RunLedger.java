package com.doe.run;

import com.doe.RetryableException;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Run records for the ingest function, the orchestrator's activities and the runs API. Starting
 * is idempotent (a duplicate trigger gets the existing record back) and every change is a
 * read-modify-write with an ETag condition, retried when another writer got there first, so
 * activities delivered more than once, or concurrently, never lose an update. A final record is
 * never changed again, except by {@link #reopen} for a retry.
 *
 * <p>Thread-safe.
 */
public final class RunLedger {

    private static final int MAX_ATTEMPTS = 20;

    private final RunStore store;

    public RunLedger(RunStore store) {
        this.store = store;
    }

    /** Stores {@code record} unless a run with its id exists; returns the stored record either way. */
    public RunRecord start(RunRecord record) {
        if (store.create(record)) {
            return record;
        }
        return store.read(record.runId()).orElseThrow(() -> new RetryableException(
                "Run '" + record.runId() + "' was reported as existing but cannot be read yet; try again.")).record();
    }

    public Optional<RunRecord> get(String runId) {
        return store.read(runId).map(RunStore.Tagged::record);
    }

    public List<RunRecord> list(RunQuery query) {
        return store.list(query);
    }

    /**
     * Applies {@code change} to the current record and stores the result; a final record is returned
     * unchanged.
     *
     * @throws RunNotFoundException when there is no such run
     */
    public RunRecord update(String runId, UnaryOperator<RunRecord> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            RunStore.Tagged current = store.read(runId).orElseThrow(() -> new RunNotFoundException(runId));
            if (current.record().status().isFinal()) {
                return current.record();
            }
            RunRecord next = change.apply(current.record());
            if (next.equals(current.record()) || store.replace(next, current.etag())) {
                return next;
            }
        }
        throw new RetryableException("Run '" + runId + "' is being updated by many writers at once; try again.");
    }

    /**
     * Reopens a finished run for a retry: applies {@code change} to the current record if
     * {@code retryable} accepts it, conditional on the record's ETag, so that of two concurrent
     * retries of the same ending exactly one reopens the run.
     *
     * @return the reopened record as stored, or empty when the current record is not (or no longer)
     *     retryable, e.g. because another retry reopened it first
     * @throws RunNotFoundException when there is no such run
     */
    public Optional<RunRecord> reopen(String runId, Predicate<RunRecord> retryable, UnaryOperator<RunRecord> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            RunStore.Tagged current = store.read(runId).orElseThrow(() -> new RunNotFoundException(runId));
            if (!retryable.test(current.record())) {
                return Optional.empty();
            }
            RunRecord next = change.apply(current.record());
            if (store.replace(next, current.etag())) {
                return Optional.of(next);
            }
        }
        throw new RetryableException("Run '" + runId + "' is being updated by many writers at once; try again.");
    }
}
