package com.doe.orchestration;

/**
 * The payload of a stage's external event ({@link RunEvents#stage}). Informative only: the
 * orchestration re-reads the stage's progress when it wakes.
 *
 * @param finished true when every task of the attempt reported; false when a task failed permanently first
 * @param chunk    the chunk whose report triggered the event
 */
public record StageSignal(int stageIndex, String stage, int attempt, boolean finished, int chunk) {
}
