package com.doe.orchestration;

import com.doe.run.RunStatus;

/**
 * The orchestration's output.
 *
 * @param reason why the run failed or was cancelled (names the stage and chunk); null when completed
 */
public record RunResult(String runId, RunStatus status, String reason, int stagesCompleted) {
}
