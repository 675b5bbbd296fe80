package com.doe.run;

/** Where a run is. {@code Completed}, {@code Failed} and {@code Cancelled} are final. */
public enum RunStatus {
    Pending, Running, Completed, Failed, Cancelled;

    public boolean isFinal() {
        return this == Completed || this == Failed || this == Cancelled;
    }
}
