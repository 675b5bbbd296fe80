package com.doe.orchestration;

import com.doe.chunk.ChunkId;
import com.doe.event.avro.StageTask;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Activity: publishes one {@code StageTask} per task of a stage that is not done yet, in one batch: one
 * per input chunk, or a single task (chunk -1) naming the input stage's folder for a whole-run stage.
 * Every task carries the model versions pinned for the run ({@link StagePlan#models()}).
 * Idempotent: a task's event id is derived from run, stage, chunk and attempt, so a re-executed
 * activity republishes the same ids (consumers drop them), and chunks done meanwhile are skipped.
 */
public final class DispatchStageTasks {

    public static final String NAME = "DispatchStageTasks";

    /** @param attempt the dispatch number of the stage, 1 for the first */
    public record Request(String runId, String pipelineId, int pipelineVersion, Integer datasetSchemaVersion,
                          StagePlan stage, int tasks, int attempt) {
    }

    private final StageProgress progress;
    private final EventPublisher<StageTask> publisher;
    private final String workUrl;
    private final Clock clock;

    /** @param workUrl the {@code work} container's URL, without a trailing slash */
    public DispatchStageTasks(StageProgress progress, EventPublisher<StageTask> publisher, String workUrl, Clock clock) {
        this.progress = progress;
        this.publisher = publisher;
        this.workUrl = workUrl.endsWith("/") ? workUrl.substring(0, workUrl.length() - 1) : workUrl;
        this.clock = clock;
    }

    /** @return how many tasks were published (0 when every task is done already) */
    public int run(Request r) {
        StagePlan stage = r.stage();
        Set<Integer> done = progress.doneChunks(r.runId(), stage.name());
        List<StageTask> tasks = new ArrayList<>();
        for (int chunk : StageReport.chunks(r.tasks(), stage.wholeRun())) {
            if (done.contains(chunk)) {
                continue;
            }
            String input = stage.wholeRun() ? workUrl + "/" + r.runId() + "/" + stage.inputStage() + "/"
                    : workUrl + "/" + new ChunkId(r.runId(), stage.inputStage(), chunk).path();
            tasks.add(StageTask.newBuilder()
                    .setEventId(eventId(r.runId(), stage.name(), chunk, r.attempt()))
                    .setRunId(r.runId())
                    .setOccurredAt(clock.instant())
                    .setPipelineId(r.pipelineId())
                    .setPipelineVersion(r.pipelineVersion())
                    .setDatasetSchemaVersion(r.datasetSchemaVersion())
                    .setStageIndex(stage.index())
                    .setStageKind(stage.kind())
                    .setStageName(stage.name())
                    .setInputChunkUri(input)
                    .setOutputLocation(workUrl + "/" + r.runId() + "/" + stage.name() + "/")
                    .setAttempt(r.attempt())
                    .setChunkIndex(chunk)
                    .setChunkCount(r.tasks())
                    .setModelVersions(stage.models())
                    .build());
        }
        if (!tasks.isEmpty()) {
            publisher.publish(tasks);
        }
        return tasks.size();
    }

    static String eventId(String runId, String stage, int chunk, int attempt) {
        return UUID.nameUUIDFromBytes((runId + "/" + stage + "/" + chunk + "/" + attempt).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
