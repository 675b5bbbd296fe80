package com.doe.ml;

import java.util.Locale;

/** What a {@code train} step learns. */
public enum Task {
    /** Predicts a class (the target's values as text). */
    CLASSIFICATION,
    /** Predicts a number. */
    REGRESSION,
    /** Flags rows unlike the training rows. */
    ANOMALY,
    /** Groups rows into clusters. */
    CLUSTERING;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Task parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** Whether the task needs a {@code target} field. */
    public boolean supervised() {
        return this == CLASSIFICATION || this == REGRESSION;
    }
}
