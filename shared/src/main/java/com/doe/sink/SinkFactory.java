package com.doe.sink;

/** Builds the sink of a step. {@link Sinks} builds the real ones; tests may pass a lambda. */
@FunctionalInterface
public interface SinkFactory {

    /** @throws com.doe.DoeException when the step's type has no sink */
    Sink create(SinkSpec spec);
}
