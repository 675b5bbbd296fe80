package com.doe.worker;

import com.doe.DoeException;
import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.event.avro.ErrorClass;
import com.doe.event.avro.ErrorInfo;
import com.doe.event.avro.RowCounts;
import com.doe.event.avro.RuleFailure;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageOutcome;
import com.doe.event.avro.StageTask;
import com.doe.plan.Stage;
import com.doe.plan.StageResult;
import com.doe.quarantine.BlobQuarantineSink;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.QuarantineSink;
import com.doe.stats.StageStats;
import com.doe.step.StageKind;
import com.doe.stats.StepStats;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic behind the stage functions ({@code transform}, {@code ml}, {@code load}): runs one
 * {@code StageTask} and returns the {@code StageDone} to publish.
 *
 * <p>For a task it resolves the pipeline version (compiled once per version, see
 * {@link CompiledPipelines}), finds the task's stage in the plan, reads the input chunk
 * {@code work/{runId}/{inputStage}/{chunk}.avro}, runs the stage, writes the output chunk
 * {@code work/{runId}/{stage}/{chunk}.avro} and the rejected rows to
 * {@code quarantine/{pipelineId}/{runId}/{stage}/{chunk}.jsonl}. Score steps use the model versions
 * the task carries ({@code modelVersions}, pinned when the run started). A whole-run stage's single
 * task (chunk -1, {@link WholeRunStage}) reads every chunk of {@code work/{runId}/{inputStage}/} and
 * writes each output chunk, and answers with the counters over the whole run. Delivery is at least
 * once: a redelivered task writes the same output bytes and the same quarantine file (and stores no
 * second model version), and its answer carries the same {@code eventId}, derived from the task's.
 *
 * <p>Every failure is an answer, not an exception: a {@code FAILED} {@code StageDone} whose error
 * is {@code RETRYABLE} when a later attempt may pass ({@link FailureClass}) and {@code PERMANENT}
 * otherwise, with a message naming the pipeline, stage, chunk and the fix. The only exception is
 * {@link InvalidTaskException}, for a task no run can be answered for. Thread-safe.
 */
public final class StageWorker {

    private static final Logger LOG = LoggerFactory.getLogger(StageWorker.class);

    /** The chunk index of a whole-run stage's single task. */
    static final int WHOLE_RUN = -1;

    private final CompiledPipelines pipelines;
    private final ChunkStore chunks;
    private final QuarantineSink quarantine;
    private final String quarantineUrl;
    private final Clock clock;

    /**
     * @param quarantineUrl the {@code quarantine} container's URL, used in the answers' output URIs
     */
    public StageWorker(CompiledPipelines pipelines, ChunkStore chunks, QuarantineSink quarantine, String quarantineUrl,
                       Clock clock) {
        this.pipelines = pipelines;
        this.chunks = chunks;
        this.quarantine = quarantine;
        this.quarantineUrl = quarantineUrl.endsWith("/") ? quarantineUrl.substring(0, quarantineUrl.length() - 1)
                : quarantineUrl;
        this.clock = clock;
    }

    /**
     * Runs the task.
     *
     * @throws InvalidTaskException when the task lacks its run id, stage name or task count
     */
    public StageDone handle(StageTask task) {
        check(task);
        Instant startedAt = clock.instant();
        Map<String, Long> phases = new LinkedHashMap<>();
        try {
            CompiledPipelines.Compiled compiled = pipelines.get(task.getPipelineId(), task.getPipelineVersion());
            Stage stage = stageOf(compiled, task);
            ChunkStage runner = pipelines.stage(compiled, stage);
            if (stage.wholeRun()) {
                return wholeRun(task, stage, runner, startedAt, phases);
            }

            long t = System.nanoTime();
            Chunk input = chunks.read(new ChunkId(task.getRunId(), stage.inputStage(), task.getChunkIndex()));
            t = phase(phases, "read", t);
            StageResult result = runner.process(input, task.getModelVersions());
            t = phase(phases, "process", t);
            String batch = stage.name() + "/" + String.format("%05d", task.getChunkIndex());
            boolean keepOutput = keepsOutput(compiled, stage);
            if (keepOutput) {
                chunks.write(result.output());
            }
            quarantine.write(task.getPipelineId(), task.getRunId(), batch, result.rejected());
            phase(phases, "write", t);

            List<String> outputs = new ArrayList<>();
            if (keepOutput) {
                outputs.add(task.getOutputLocation() + String.format("%05d", task.getChunkIndex()) + ".avro");
            }
            if (!result.rejected().isEmpty()) {
                outputs.add(quarantineUrl + "/" + BlobQuarantineSink.blobName(task.getPipelineId(), task.getRunId(), batch));
            }
            return succeeded(task, startedAt, phases, result.stats(), result.rejected(), outputs);
        } catch (RuntimeException e) {
            return failed(task, startedAt, phases, e);
        }
    }

    /**
     * Runs a whole-run task: the stage reads every input chunk of the run and writes its output chunks;
     * the answer carries the counters over the whole run.
     */
    private StageDone wholeRun(StageTask task, Stage stage, ChunkStage runner, Instant startedAt, Map<String, Long> phases) {
        if (!(runner instanceof WholeRunStage whole)) {
            throw new DoeException("stage '" + stage.name() + "' is planned to run once over the whole run, but this "
                    + "build runs " + stage.kind().text() + " stages per chunk. Deploy a build whose "
                    + stage.kind().text() + " stage function runs whole-run stages.");
        }
        long t = System.nanoTime();
        WholeRunStage.Result result = whole.runWhole(task.getRunId(), chunks);
        phase(phases, "process", t);
        for (String warning : result.warnings()) {
            LOG.warn("{}: {}", describe(task), warning);
        }
        List<String> outputs = new ArrayList<>();
        outputs.add(task.getOutputLocation());
        outputs.addAll(result.outputs());
        return succeeded(task, startedAt, phases, result.stats(), List.of(), outputs);
    }

    private StageDone succeeded(StageTask task, Instant startedAt, Map<String, Long> phases, StageStats stats,
                                List<QuarantineEntry> rejected, List<String> outputs) {
        return answer(task, startedAt, phases).setOutcome(StageOutcome.SUCCEEDED)
                .setCounts(new RowCounts(stats.rowsIn(), stats.rowsOut(), stats.rejected()))
                .setRuleFailures(ruleFailures(stats, rejected))
                .setStepRejected(stepRejected(stats))
                .setOutputUris(outputs)
                .build();
    }

    private StageDone failed(StageTask task, Instant startedAt, Map<String, Long> phases, RuntimeException e) {
        boolean retryable = FailureClass.isRetryable(e);
        String message = describe(task) + ": " + messageOf(e, retryable);
        if (retryable) {
            LOG.warn("{} (retryable)", message, e);
        } else {
            LOG.error("{} (permanent)", message, e);
        }
        return answer(task, startedAt, phases).setOutcome(StageOutcome.FAILED)
                .setCounts(new RowCounts(0L, 0L, 0L))
                .setError(ErrorInfo.newBuilder()
                        .setErrorClass(retryable ? ErrorClass.RETRYABLE : ErrorClass.PERMANENT)
                        .setMessage(message).setExceptionType(e.getClass().getName()).build())
                .build();
    }

    /**
     * Whether the stage's output chunk is written: always, except for a load stage that no later stage
     * reads. A load stage passes its rows on unchanged; they are in its sinks, and a copy in the work
     * container nobody reads would cost an encode and an upload per chunk.
     */
    private static boolean keepsOutput(CompiledPipelines.Compiled compiled, Stage stage) {
        return stage.kind() != StageKind.LOAD
                || compiled.plan().stages().stream().anyMatch(s -> stage.name().equals(s.inputStage()));
    }

    /** The plan's stage the task names, checked against the task's kind and chunk locations. */
    private static Stage stageOf(CompiledPipelines.Compiled compiled, StageTask task) {
        Stage stage = compiled.plan().stages().stream().filter(s -> s.name().equals(task.getStageName()))
                .findFirst().orElseThrow(() -> new DoeException("version " + task.getPipelineVersion()
                        + " of the pipeline has no stage '" + task.getStageName() + "' (its stages: "
                        + compiled.plan().stages().stream().map(Stage::name).toList() + "). The task was dispatched "
                        + "for another definition; retry the run so that its stages are planned again."));
        if (!stage.kind().text().equals(task.getStageKind())) {
            throw new DoeException("the task says the stage is a " + task.getStageKind() + " stage, but the plan has a "
                    + stage.kind().text() + " stage; the task was sent to the wrong stage function. Check the "
                    + "stage functions' topics.");
        }
        if (stage.wholeRun() != (task.getChunkIndex() == WHOLE_RUN)) {
            throw new DoeException(stage.wholeRun()
                    ? "stage '" + stage.name() + "' runs once over the whole run, but the task is for chunk "
                    + task.getChunkIndex() + "; the task was dispatched for another plan. Retry the run."
                    : "stage '" + stage.name() + "' runs per chunk, but the task is for chunk " + task.getChunkIndex()
                    + "; the task was dispatched for another plan. Retry the run.");
        }
        String input = stage.wholeRun() ? task.getRunId() + "/" + stage.inputStage() + "/"
                : new ChunkId(task.getRunId(), stage.inputStage(), task.getChunkIndex()).path();
        if (!task.getInputChunkUri().endsWith("/" + input)) {
            throw new DoeException("the task's input " + task.getInputChunkUri() + " is not " + (stage.wholeRun()
                    ? "the folder " : "chunk ") + input + " that the plan reads; the task was dispatched for another "
                    + "plan. Retry the run.");
        }
        String output = task.getRunId() + "/" + stage.name() + "/";
        if (!task.getOutputLocation().endsWith("/" + output)) {
            throw new DoeException("the task's output location " + task.getOutputLocation() + " is not " + output
                    + " where the plan writes; the task was dispatched for another plan. Retry the run.");
        }
        return stage;
    }

    private static void check(StageTask task) {
        if (task.getRunId() == null || task.getRunId().isBlank() || task.getStageName() == null
                || task.getChunkCount() < 1) {
            throw new InvalidTaskException("StageTask " + task.getEventId() + " of run '" + task.getRunId()
                    + "' has no run id, stageName or chunkCount; only tasks dispatched by a run's orchestration can "
                    + "be run, so it goes to the dead-letter topic.");
        }
    }

    private StageDone.Builder answer(StageTask task, Instant startedAt, Map<String, Long> phases) {
        return StageDone.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("done/" + task.getEventId()).getBytes(StandardCharsets.UTF_8)).toString())
                .setRunId(task.getRunId())
                .setOccurredAt(clock.instant())
                .setTaskEventId(task.getEventId())
                .setPipelineId(task.getPipelineId())
                .setStageIndex(task.getStageIndex())
                .setStageKind(task.getStageKind())
                .setStageName(task.getStageName())
                .setChunkIndex(task.getChunkIndex())
                .setChunkCount(task.getChunkCount())
                .setAttempt(task.getAttempt())
                .setStartedAt(startedAt)
                .setFinishedAt(clock.instant())
                .setPhaseMillis(phases);
    }

    private static String describe(StageTask task) {
        return "Pipeline '" + task.getPipelineId() + "' version " + task.getPipelineVersion() + ", stage '"
                + task.getStageName() + "' (" + task.getStageKind() + "), chunk " + task.getChunkIndex() + " of run '"
                + task.getRunId() + "', attempt " + task.getAttempt();
    }

    private static String messageOf(RuntimeException e, boolean retryable) {
        if (e instanceof DoeException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return retryable ? "a service was unavailable or slow (" + text + "); the run retries the chunk with backoff "
                + "up to the pipeline's maxAttempts."
                : "failed unexpectedly (" + text + "). Retrying will not help; report it with the run id so that the "
                + "failing step can be fixed.";
    }

    /** Error-severity failures per rule, with the field and one reason from the quarantined rows. */
    private static List<RuleFailure> ruleFailures(StageStats stats, List<QuarantineEntry> rejected) {
        Map<String, com.doe.quarantine.RuleFailure> example = new HashMap<>();
        for (QuarantineEntry entry : rejected) {
            for (com.doe.quarantine.RuleFailure f : entry.failures()) {
                example.putIfAbsent(f.rule(), f);
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        for (StepStats step : stats.steps()) {
            step.ruleFailures().forEach((rule, n) -> counts.merge(rule, n, Long::sum));
        }
        List<RuleFailure> out = new ArrayList<>();
        counts.forEach((rule, n) -> {
            com.doe.quarantine.RuleFailure f = example.get(rule);
            out.add(new RuleFailure(rule, f == null ? null : f.field(), n, f == null ? null : f.reason()));
        });
        return out;
    }

    private static Map<String, Long> stepRejected(StageStats stats) {
        Map<String, Long> out = new TreeMap<>();
        for (StepStats step : stats.steps()) {
            out.merge(step.stepId(), step.rejected(), Long::sum);
        }
        return out;
    }

    private static long phase(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1_000_000);
        return now;
    }
}
