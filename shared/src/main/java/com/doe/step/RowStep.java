package com.doe.step;

/**
 * The executable form of a transform step. Works on a working row (values aligned with the step's
 * input schema) owned by the stage executor: the records read from a chunk are never mutated. A step
 * may update the working row in place or return a new array (when the row's shape changes).
 * Implementations are stateless and thread-safe.
 */
public interface RowStep {

    /**
     * @return the row to pass on (aligned with the step's output schema), or null when the row leaves
     *         the stage, after telling the context why
     */
    Object[] apply(Object[] row, RowContext context);
}
