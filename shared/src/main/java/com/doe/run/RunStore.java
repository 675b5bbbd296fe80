package com.doe.run;

import java.util.List;
import java.util.Optional;

/**
 * Where run records live: Cosmos DB ({@code cosmos.CosmosRunStore}) or memory ({@link InMemoryRunStore}).
 * Records are created once and then replaced only with the ETag they were read with.
 *
 * <p>Implementations are thread-safe.
 */
public interface RunStore {

    record Tagged(RunRecord record, String etag) {
    }

    /** Creates the record; false when a record with its run id exists (the stored one is kept). */
    boolean create(RunRecord record);

    Optional<Tagged> read(String runId);

    /** Replaces the record if it still carries {@code etag}; false when it changed meanwhile. */
    boolean replace(RunRecord record, String etag);

    /** Matching runs, newest {@code startedAt} first. */
    List<RunRecord> list(RunQuery query);
}
