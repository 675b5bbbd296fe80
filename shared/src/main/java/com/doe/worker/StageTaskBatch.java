package com.doe.worker;

import com.doe.RetryableException;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageTask;
import com.doe.kafka.BatchDecoder;
import com.doe.kafka.KafkaBatch;
import com.doe.orchestration.EventPublisher;
import com.doe.step.StageKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The logic behind one stage function ({@code transform}, {@code ml} or {@code load}): a batch of
 * {@code StageTask} records from the task topic becomes {@code StageDone} answers.
 *
 * <p>Each stage function reads its kind's task topic ({@code TopicNames.stageTasks}). Undecodable
 * records, tasks of another kind (a routing error) and tasks that name no run, stage or task count
 * go to the dead-letter topic. A failing stage is an answer with
 * the error's class, not an exception. The answers are published before the batch returns, so the
 * batch's offsets are committed only once every answer is acknowledged (at least once; the worker
 * writes identical output on re-delivery).
 *
 * <p>The tasks of a batch run concurrently, up to {@code parallelism} at a time (by default one per
 * available processor): the Functions host calls a batch function once per batch, so a run's chunks
 * would otherwise be processed one after the other. The answers keep the batch's order.
 *
 * <p>Thread-safe.
 */
public final class StageTaskBatch {

    private static final Logger LOG = LoggerFactory.getLogger(StageTaskBatch.class);

    private final StageWorker worker;
    private final BatchDecoder<StageTask> decoder;
    private final EventPublisher<StageDone> answers;
    private final ThreadPoolExecutor pool;

    /** With one concurrent task per available processor. */
    public StageTaskBatch(StageWorker worker, BatchDecoder<StageTask> decoder, EventPublisher<StageDone> answers) {
        this(worker, decoder, answers, Runtime.getRuntime().availableProcessors());
    }

    /** @param parallelism how many tasks of a batch run at once; 1 runs them one by one on the caller's thread */
    public StageTaskBatch(StageWorker worker, BatchDecoder<StageTask> decoder, EventPublisher<StageDone> answers,
                          int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.worker = worker;
        this.decoder = decoder;
        this.answers = answers;
        this.pool = parallelism == 1 ? null : idlingPool(parallelism);
    }

    /** @return the answers published (one per task of {@code kind} in the batch), in the batch's order */
    public List<StageDone> run(StageKind kind, KafkaBatch batch) {
        List<BatchDecoder.Decoded<StageTask>> tasks = new ArrayList<>();
        for (BatchDecoder.Decoded<StageTask> task : decoder.decode(batch)) {
            if (!kind.text().equals(String.valueOf(task.event().getStageKind()))) {
                String reason = "a " + task.event().getStageKind() + " task on the " + kind.text()
                        + " task topic; the dispatcher publishes each task to its kind's topic";
                LOG.warn("{}; sent to the dead-letter topic", reason);
                decoder.deadLetter(task.position(), task.value(), "WRONG_TOPIC", reason);
                continue;
            }
            tasks.add(task);
        }
        List<Future<StageDone>> running = new ArrayList<>(tasks.size());
        for (BatchDecoder.Decoded<StageTask> task : tasks) {
            running.add(pool == null || tasks.size() == 1 ? completed(task.event()) : pool.submit(() -> worker.handle(task.event())));
        }
        List<StageDone> done = new ArrayList<>();
        RuntimeException broken = null;
        for (int i = 0; i < tasks.size(); i++) {
            BatchDecoder.Decoded<StageTask> task = tasks.get(i);
            try {
                done.add(await(running.get(i)));
            } catch (InvalidTaskException e) {
                LOG.warn("{}; sent to the dead-letter topic", e.getMessage());
                decoder.deadLetter(task.position(), task.value(), "INVALID_TASK", e.getMessage());
            } catch (RuntimeException e) {
                // Wait for the other tasks before failing the batch: nothing may run on after the call returns.
                broken = broken == null ? e : broken;
            }
        }
        if (broken != null) {
            throw broken;
        }
        if (!done.isEmpty()) {
            answers.publish(done);
        }
        return done;
    }

    /** Runs the task on the caller's thread: an already completed future (or one holding its exception). */
    private Future<StageDone> completed(StageTask task) {
        try {
            return CompletableFuture.completedFuture(worker.handle(task));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static StageDone await(Future<StageDone> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("Interrupted while running a batch of stage tasks; the batch is delivered again", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Daemon threads that end after a minute without work, so an idle worker holds none. */
    private static ThreadPoolExecutor idlingPool(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "doe-stage-task-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
