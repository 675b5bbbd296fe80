package com.doe.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a new version of a subject must relate to the versions already registered. The seven modes
 * of the best-known Kafka schema registry; the default is {@link #BACKWARD}.
 *
 * <p>"Backward" means consumers on the new schema can read events written with older versions
 * (upgrade consumers first). "Forward" means consumers still on older versions can read events
 * written with the new schema (upgrade producers first). "Full" is both. A transitive mode checks
 * against every registered version, the others against the latest only.
 */
public enum CompatibilityMode {
    NONE(false, false, false, "no check"),
    BACKWARD(true, false, false, "the new schema can read events written with the latest version"),
    BACKWARD_TRANSITIVE(true, false, true, "the new schema can read events written with every earlier version"),
    FORWARD(false, true, false, "the latest version can read events written with the new schema"),
    FORWARD_TRANSITIVE(false, true, true, "every earlier version can read events written with the new schema"),
    FULL(true, true, false, "the new schema and the latest version can read each other's events"),
    FULL_TRANSITIVE(true, true, true, "the new schema and every earlier version can read each other's events");

    /** The mode of a subject that has none of its own. */
    public static final CompatibilityMode DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;
    private final String rule;

    CompatibilityMode(boolean backward, boolean forward, boolean transitive, String rule) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
        this.rule = rule;
    }

    /** Whether the new schema, as reader, must read data written with existing versions. */
    public boolean checksBackward() {
        return backward;
    }

    /** Whether existing versions, as readers, must read data written with the new schema. */
    public boolean checksForward() {
        return forward;
    }

    /** Whether every registered version is checked rather than only the latest. */
    public boolean isTransitive() {
        return transitive;
    }

    /** The rule in plain words, for messages. */
    public String rule() {
        return rule;
    }

    /**
     * Parses a mode name, ignoring case and accepting {@code -} for {@code _}.
     *
     * @throws InvalidSchemaException naming the accepted values
     */
    public static CompatibilityMode parse(String text) {
        if (text != null) {
            String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (CompatibilityMode mode : values()) {
                if (mode.name().equals(name)) {
                    return mode;
                }
            }
        }
        throw new InvalidSchemaException("Unknown compatibility mode '" + text + "'; use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
    }
}
