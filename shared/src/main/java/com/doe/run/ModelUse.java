package com.doe.run;

/**
 * A model a run trains or scores with, fixed when the run starts and shown in its record.
 *
 * @param stepId  the {@code train} or {@code score} step
 * @param use     {@link #TRAIN} or {@link #SCORE}
 * @param model   the registry model name, or the path of an uploaded ONNX file ({@code models/uploads/x.onnx})
 * @param version the registry version: for a train step the version it stores (reserved when the run
 *                started), for a score step the version that scores every chunk of the run; null for
 *                an uploaded ONNX file, which is read per chunk
 */
public record ModelUse(String stepId, String use, String model, Integer version) {

    public static final String TRAIN = "train";
    public static final String SCORE = "score";
}
