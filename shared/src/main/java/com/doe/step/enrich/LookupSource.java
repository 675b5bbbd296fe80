package com.doe.step.enrich;

/**
 * Reference datasets for {@code enrich.lookup}, by the name used in definitions
 * ({@code reference/states.csv}). Implementations cache tables per worker and are thread-safe.
 */
public interface LookupSource {

    /**
     * The current content of a reference dataset.
     *
     * @throws com.doe.DoeException naming the dataset when it does not exist or cannot be parsed;
     *                              a {@link com.doe.RetryableException} when storage is unavailable
     */
    ReferenceTable table(String dataset);
}
