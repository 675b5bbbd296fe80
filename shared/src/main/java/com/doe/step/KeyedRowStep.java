package com.doe.step;

import com.doe.step.keys.ClaimKey;

/**
 * A row step with whole-run checks ({@code unique}, {@code dedupeBy}): its outcome for a row depends on
 * rows of other chunks. The stage runs it in two phases over a whole chunk: {@link #prepare} per row,
 * then one batched claim of all keys in the run's key store, then {@link #complete} per row.
 */
public interface KeyedRowStep extends RowStep {

    /** Names of the key scopes (one per checked field set), unique within the pipeline. */
    java.util.List<String> scopes();

    /**
     * Phase one: does the row-local work and fills {@code keys[i]} with the row's key in scope i
     * (null when the row has no key there, e.g. a null value).
     *
     * @return opaque pending state for phase two, or null when the row already left
     */
    Object prepare(Object[] row, RowContext context, ClaimKey[] keys);

    /**
     * Phase two.
     *
     * @param duplicate per scope, whether the row's key is held by an earlier row
     * @return the row to pass on, or null when it leaves
     */
    Object[] complete(Object pending, boolean[] duplicate, RowContext context);

    @Override
    default Object[] apply(Object[] row, RowContext context) {
        throw new UnsupportedOperationException("keyed steps run in two phases");
    }
}
