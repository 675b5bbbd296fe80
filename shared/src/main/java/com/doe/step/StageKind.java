package com.doe.step;

/**
 * The kind of stage a step runs in. Each kind is served by its own Kafka-triggered function.
 */
public enum StageKind {
    /** Row-wise steps, fused: clean, validate, map, enrich. Executed by this library. */
    TRANSFORM,
    /** Model training and scoring; executed by the ML module. */
    ML,
    /** Sinks; executed by the sink modules. */
    LOAD;

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
