package com.doe.schema;

/**
 * One reason a new schema breaks a compatibility mode.
 *
 * @param fieldPath dotted path of the field in question ({@code counts.rowsIn}, {@code tags[]}),
 *     or the record name when the problem is the record itself
 * @param breaking which side fails: {@link Side#NEW_READER} when consumers on the new schema
 *     cannot read existing events, {@link Side#OLD_READER} when consumers on an existing version
 *     cannot read new events
 * @param existingVersion the registered version compared with the new schema
 * @param message the problem in plain words: what changed, who breaks, how to fix it
 */
public record CompatibilityProblem(String fieldPath, Side breaking, int existingVersion, String message) {

    /** Which reader fails to read which writer's data. */
    public enum Side {
        /** The new schema, as reader, cannot read data written with an existing version (backward). */
        NEW_READER,
        /** An existing version, as reader, cannot read data written with the new schema (forward). */
        OLD_READER
    }

    @Override
    public String toString() {
        return message;
    }
}
