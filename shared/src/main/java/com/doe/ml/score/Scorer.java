package com.doe.ml.score;

/**
 * Predicts for a batch of encoded rows. Implementations are immutable and thread-safe.
 */
public interface Scorer {

    /** Features per row. */
    int width();

    /**
     * Scores {@code rows} rows laid out row-major in {@code features}; writes each row's predicted label
     * (null when the model has none) and score.
     */
    void score(double[] features, int rows, String[] labels, double[] scores);

    /** Whether {@link #score} writes a score per row; when false the scores are left as they were. */
    default boolean givesScores() {
        return true;
    }

    /** Whether {@link #score} writes labels; when false every label is null. */
    default boolean givesLabels() {
        return true;
    }
}
