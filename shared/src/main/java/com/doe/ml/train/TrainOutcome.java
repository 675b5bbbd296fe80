package com.doe.ml.train;

/**
 * What a {@code train} step did, for the run record.
 *
 * @param stepId      the step
 * @param model       the model name
 * @param version     the stored version
 * @param promoted    whether it became {@code latest}
 * @param metrics     its quality on held-out rows
 * @param trainRows   rows trained on
 * @param testRows    rows held out
 * @param skippedRows rows without a target
 * @param warning     why it was not promoted (minQuality not met), or null
 */
public record TrainOutcome(String stepId, String model, int version, boolean promoted, ModelMetrics metrics,
                           long trainRows, long testRows, long skippedRows, String warning) {
}
