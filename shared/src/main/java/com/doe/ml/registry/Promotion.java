package com.doe.ml.registry;

/**
 * What became of a request to make a version a model's {@code latest}
 * ({@link ModelRegistry#promote(String, int, Integer)}).
 */
public sealed interface Promotion {

    /** The version asked for. */
    ModelManifest version();

    /** {@code latest} now points to the version; {@code previous} is the version it pointed to, or null. */
    record Promoted(ModelManifest version, Integer previous) implements Promotion {
    }

    /** {@code latest} already pointed to the version; nothing was written. */
    record Unchanged(ModelManifest version) implements Promotion {
    }

    /** {@code latest} was not the expected version ({@code current}, null when none); nothing was written. */
    record NotAsExpected(ModelManifest version, Integer expected, Integer current) implements Promotion {
    }

    /**
     * Another promotion moved {@code latest} (to {@code current}) between reading and replacing it, so this
     * one was not written: it would have undone a decision its caller had not seen.
     */
    record LostRace(ModelManifest version, Integer current) implements Promotion {
    }
}
