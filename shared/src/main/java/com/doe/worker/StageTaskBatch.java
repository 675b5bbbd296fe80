package com.doe.worker;

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
 * <p>Thread-safe.
 */
public final class StageTaskBatch {

    private static final Logger LOG = LoggerFactory.getLogger(StageTaskBatch.class);

    private final StageWorker worker;
    private final BatchDecoder<StageTask> decoder;
    private final EventPublisher<StageDone> answers;

    public StageTaskBatch(StageWorker worker, BatchDecoder<StageTask> decoder, EventPublisher<StageDone> answers) {
        this.worker = worker;
        this.decoder = decoder;
        this.answers = answers;
    }

    /** @return the answers published (one per task of {@code kind} in the batch) */
    public List<StageDone> run(StageKind kind, KafkaBatch batch) {
        List<StageDone> done = new ArrayList<>();
        for (BatchDecoder.Decoded<StageTask> task : decoder.decode(batch)) {
            if (!kind.text().equals(String.valueOf(task.event().getStageKind()))) {
                String reason = "a " + task.event().getStageKind() + " task on the " + kind.text()
                        + " task topic; the dispatcher publishes each task to its kind's topic";
                LOG.warn("{}; sent to the dead-letter topic", reason);
                decoder.deadLetter(task.position(), task.value(), "WRONG_TOPIC", reason);
                continue;
            }
            try {
                done.add(worker.handle(task.event()));
            } catch (InvalidTaskException e) {
                LOG.warn("{}; sent to the dead-letter topic", e.getMessage());
                decoder.deadLetter(task.position(), task.value(), "INVALID_TASK", e.getMessage());
            }
        }
        if (!done.isEmpty()) {
            answers.publish(done);
        }
        return done;
    }
}
