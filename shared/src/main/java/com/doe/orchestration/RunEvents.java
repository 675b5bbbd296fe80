package com.doe.orchestration;

/**
 * Names of the external events a run's orchestration instance (instance id = run id) waits for.
 * Event names are matched exactly.
 */
public final class RunEvents {

    /** Raised by {@code POST /api/runs/{runId}/cancel}; the run becomes {@code Cancelled} at its next wait. */
    public static final String CANCEL = "Cancel";

    private RunEvents() {
    }

    /**
     * The one event of a stage, raised by {@link StageDoneRelay} when every task of the stage's latest
     * attempt has reported, or when a task failed permanently. Its payload is a {@link StageSignal};
     * the orchestration reads the stage's state from {@link StageProgress} rather than trusting it, so
     * a duplicate or late event only costs one inspection.
     *
     * @param stageIndex the stage's index (1 for the first stage after ingest)
     */
    public static String stage(int stageIndex) {
        return "StageDone-" + stageIndex;
    }
}
