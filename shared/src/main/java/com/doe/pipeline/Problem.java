package com.doe.pipeline;

/**
 * One thing wrong with a pipeline definition.
 *
 * @param pointer JSON pointer to the offending value, e.g. {@code /steps/1/rules/0/pattern}
 * @param message what is wrong, naming the step and field
 * @param fix     what to change, in plain words
 */
public record Problem(String pointer, String message, String fix) {

    @Override
    public String toString() {
        return pointer + ": " + message + (fix == null || fix.isEmpty() ? "" : " Fix: " + fix);
    }
}
