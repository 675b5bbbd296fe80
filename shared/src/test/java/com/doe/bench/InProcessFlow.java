package com.doe.bench;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.doe.app.DoeServices;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageOutcome;
import com.doe.event.avro.StageTask;
import com.doe.orchestration.DispatchStageTasks;
import com.doe.orchestration.RunInput;
import com.doe.orchestration.StagePlan;
import com.doe.run.RunStatus;
import com.doe.worker.StartOutcome;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline of the whole-flow benchmarks: the same engine code a run goes through — the ingest
 * function's {@code RunStarter}, the dispatcher's tasks, the stage functions' {@code StageWorker} —
 * called directly in this process, with no Functions host, Kafka or durable orchestration in
 * between. Writes go to the same services (Blob, Neo4j, Cosmos DB) as a real run. The file is read
 * from a container no trigger watches, so nothing else starts. Not thread-safe.
 */
final class InProcessFlow {

    /** Times of one run, in nanoseconds: the whole, ingest (from the landed file), and each stage. */
    record Result(String runId, long totalNanos, long ingestNanos, List<Long> stageNanos, long rowsRead) {
    }

    static final String CONTAINER = "bench-inproc";

    private final DoeServices services;
    private final BlobServiceClient blob;

    InProcessFlow(DoeServices services, BlobServiceClient blob) {
        this.services = services;
        this.blob = blob;
    }

    /**
     * Runs the file through every stage of the pipeline's active version, {@code threads} chunks at a
     * time, and records the run as Completed.
     */
    Result run(String pipelineId, String name, byte[] content, int threads) throws InterruptedException {
        String path = pipelineId + "/" + name;
        var container = blob.getBlobContainerClient(CONTAINER);
        container.createIfNotExists();
        container.getBlobClient(path).upload(BinaryData.fromBytes(content), true);

        long start = System.nanoTime();
        StartOutcome outcome = services.runStarter().start(services.landedBlob(CONTAINER + "/" + path, content));
        if (!(outcome instanceof StartOutcome.Start started)) {
            throw new IllegalStateException("the in-process run of " + path + " did not start: " + outcome);
        }
        long ingest = System.nanoTime() - start;
        RunInput input = started.state().input();
        List<StageTask> tasks = new ArrayList<>();
        DispatchStageTasks dispatch = new DispatchStageTasks(services.stageProgress(), tasks::addAll, services.workUrl(),
                Clock.systemUTC());
        List<Long> stages = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (StagePlan stage : input.stages()) {
                long stageStart = System.nanoTime();
                tasks.clear();
                dispatch.run(new DispatchStageTasks.Request(input.runId(), input.pipelineId(), input.pipelineVersion(),
                        input.datasetSchemaVersion(), stage, stage.tasks(input.ingestChunks()), 1));
                List<Future<StageDone>> answers = new ArrayList<>();
                for (StageTask task : tasks) {
                    answers.add(pool.submit(() -> services.stageWorker().handle(task)));
                }
                for (Future<StageDone> answer : answers) {
                    StageDone done = answer.get();
                    if (done.getOutcome() != StageOutcome.SUCCEEDED) {
                        throw new IllegalStateException("in-process stage " + stage.name() + " failed: " + done.getError());
                    }
                }
                stages.add(System.nanoTime() - stageStart);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("in-process run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        services.runs().update(input.runId(), r -> r.finish(RunStatus.Completed, Instant.now(), null));
        return new Result(input.runId(), System.nanoTime() - start, ingest, stages, input.ingest().rowsIn());
    }
}
