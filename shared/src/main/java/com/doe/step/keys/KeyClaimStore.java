package com.doe.step.keys;

import java.util.Collection;
import java.util.Set;

/**
 * The run-wide memory of {@code unique} and {@code dedupeBy}: which chunk first claimed each key.
 * Chunks of one stage may be processed by different workers in any order and delivered more than
 * once; the store makes the outcome consistent anyway:
 * <ul>
 *   <li>each key has exactly one owner for the whole run: the first chunk whose claim reached the store;</li>
 *   <li>claiming again with the same owner (a redelivered chunk) gives the same answer;</li>
 *   <li>when chunks are processed in order, the owner is the first occurrence in the source.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface KeyClaimStore {

    /**
     * Claims {@code keys} for {@code owner} in one batch.
     *
     * @param runId the run
     * @param scope the checked field set, e.g. {@code checks/unique/iata}
     * @param owner who claims, e.g. the chunk index; stable across redeliveries
     * @param keys  distinct keys
     * @return the keys already owned by another owner (duplicates for this owner)
     */
    Set<ClaimKey> claim(String runId, String scope, String owner, Collection<ClaimKey> keys);
}
