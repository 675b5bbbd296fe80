package com.doe.orchestration;

/**
 * Activity: reads a stage's progress for one attempt. Read-only, so re-execution is harmless.
 */
public final class InspectStage {

    public static final String NAME = "InspectStage";

    public record Request(String runId, StagePlan stage, int tasks, int attempt) {
    }

    private final StageProgress progress;

    public InspectStage(StageProgress progress) {
        this.progress = progress;
    }

    public StageReport run(Request r) {
        String stage = r.stage().name();
        return StageReport.of(r.attempt(), StageReport.chunks(r.tasks(), r.stage().wholeRun()),
                progress.done(r.runId(), stage), progress.failures(r.runId(), stage));
    }
}
