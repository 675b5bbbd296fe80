package com.doe.orchestration;

import com.doe.event.avro.ErrorClass;
import com.doe.event.avro.ErrorInfo;
import com.doe.event.avro.RowCounts;
import com.doe.event.avro.RunCompleted;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageOutcome;
import com.doe.event.avro.StageTask;
import com.doe.run.InMemoryRunStore;
import com.doe.run.RunLedger;
import com.doe.run.RunRecord;
import com.doe.run.RunSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.OrchestrationRunner;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventRaisedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerFiredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives {@link RunOrchestration} through {@link OrchestrationRunner#loadAndRun} the way a durable
 * backend does: each episode sends the past history and the new events as an {@code OrchestratorRequest}
 * proto, records the returned actions as history (TaskScheduled, TimerCreated), and restarts the history
 * on continue-as-new. Activities run on the real activity classes over in-memory stores; the stage
 * workers are played by the test through {@link #report}, which goes through the real {@link StageDoneRelay}.
 */
final class ReplayHarness {

    static final String RUN = "run-1";
    static final String WORK = "http://blob.test/work";

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
    private final RunOrchestration orchestration = new RunOrchestration();

    final InMemoryStageProgress progress = new InMemoryStageProgress();
    final InMemoryRunStore runs = new InMemoryRunStore();
    final RunLedger ledger = new RunLedger(runs);
    final List<StageTask> published = new ArrayList<>();
    final List<RunCompleted> completedEvents = new ArrayList<>();
    final StageDoneRelay relay = new StageDoneRelay(progress);
    private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final DispatchStageTasks dispatch = new DispatchStageTasks(progress, published::addAll, WORK, clock);
    private final InspectStage inspect = new InspectStage(progress);
    private final RecordProgress record = new RecordProgress(ledger);
    private final FinishRun finish = new FinishRun(ledger, completedEvents::addAll, clock);

    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private List<HistoryEvent> past = new ArrayList<>();
    private final List<HistoryEvent> pending = new ArrayList<>();
    private final Map<Integer, OrchestratorAction> openTasks = new LinkedHashMap<>();
    private final Map<Integer, Instant> openTimers = new LinkedHashMap<>();
    final List<List<OrchestratorAction>> episodes = new ArrayList<>();
    final List<OrchestratorRequest> requests = new ArrayList<>();
    final List<Integer> historySizes = new ArrayList<>();
    int executions;
    /** Activities made to fail: name -> how many more calls fail (as an unreachable store would). */
    final Map<String, Integer> failing = new LinkedHashMap<>();
    String customStatus = "";
    OrchestratorAction completion;

    ReplayHarness(RunInput input) {
        ledger.start(RunRecord.pending(RUN, input.pipelineId(), input.pipelineVersion(),
                new RunSource("landing", "p/file.csv", "etag-1"), now));
        startExecution(write(RunState.start(input)));
    }

    /** The input of the current execution: what the durable client reports as the instance's input. */
    private String currentInput;

    private void startExecution(String input) {
        currentInput = input;
        executions++;
        if (!past.isEmpty()) {
            historySizes.add(past.size());
        }
        past = new ArrayList<>();
        openTasks.clear();
        openTimers.clear();
        pending.add(HistoryEvent.newBuilder().setEventId(-1).setTimestamp(ts(now))
                .setExecutionStarted(ExecutionStartedEvent.newBuilder().setName(RunOrchestration.NAME)
                        .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(RUN)
                                .setExecutionId(StringValue.of("exec-" + executions)))
                        .setInput(StringValue.of(input)))
                .build());
    }

    /**
     * The harness's single instance ({@link #RUN}) as a durable client shows it: finished once it
     * completed; starting it again replaces a finished instance with a new history, as Durable
     * Functions does, and is refused while it runs.
     */
    RunInstances instances() {
        return new RunInstances() {
            @Override
            public Optional<Instance> find(String runId) {
                return RUN.equals(runId) ? Optional.of(new Instance(completion != null, read(currentInput, RunState.class)))
                        : Optional.empty();
            }

            @Override
            public Optional<Instance> awaitFinished(String runId, Duration timeout) {
                return find(runId);
            }

            @Override
            public void start(String runId, RunState state) {
                if (!RUN.equals(runId) || completion == null) {
                    throw new IllegalStateException("instance " + runId + " is running or unknown");
                }
                completion = null;
                pending.clear();
                startExecution(write(state));
            }
        };
    }

    /** Runs one episode with the new events so far; returns its actions. */
    List<OrchestratorAction> step() {
        List<HistoryEvent> fresh = new ArrayList<>();
        fresh.add(event().setOrchestratorStarted(OrchestratorStartedEvent.getDefaultInstance()).build());
        fresh.addAll(pending);
        pending.clear();
        OrchestratorRequest request = OrchestratorRequest.newBuilder().setInstanceId(RUN)
                .addAllPastEvents(past).addAllNewEvents(fresh).build();
        requests.add(request);
        OrchestratorResponse response = replay(request);
        customStatus = response.getCustomStatus().getValue();
        List<OrchestratorAction> actions = response.getActionsList();
        episodes.add(actions);
        past.addAll(fresh);
        String continueWith = null;
        for (OrchestratorAction a : actions) {
            switch (a.getOrchestratorActionTypeCase()) {
                case SCHEDULETASK -> {
                    openTasks.put(a.getId(), a);
                    past.add(HistoryEvent.newBuilder().setEventId(a.getId()).setTimestamp(ts(now))
                            .setTaskScheduled(TaskScheduledEvent.newBuilder().setName(a.getScheduleTask().getName())
                                    .setInput(a.getScheduleTask().getInput())).build());
                }
                case CREATETIMER -> {
                    openTimers.put(a.getId(), instant(a.getCreateTimer().getFireAt()));
                    past.add(HistoryEvent.newBuilder().setEventId(a.getId()).setTimestamp(ts(now))
                            .setTimerCreated(TimerCreatedEvent.newBuilder().setFireAt(a.getCreateTimer().getFireAt()))
                            .build());
                }
                case COMPLETEORCHESTRATION -> {
                    if (a.getCompleteOrchestration().getOrchestrationStatus()
                            == OrchestrationStatus.ORCHESTRATION_STATUS_CONTINUED_AS_NEW) {
                        continueWith = a.getCompleteOrchestration().getResult().getValue();
                    } else {
                        completion = a;
                    }
                }
                default -> throw new AssertionError("unexpected action " + a);
            }
        }
        past.add(event().setOrchestratorCompleted(OrchestratorCompletedEvent.getDefaultInstance()).build());
        if (continueWith != null) {
            startExecution(continueWith);
            step();
        }
        return actions;
    }

    OrchestratorResponse replay(OrchestratorRequest request) {
        try {
            return OrchestratorResponse.parseFrom(OrchestrationRunner.loadAndRun(request.toByteArray(), orchestration));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs every scheduled activity on the real classes, then the next episode; repeats while activities are open. */
    void runActivities() {
        while (!openTasks.isEmpty()) {
            for (OrchestratorAction a : List.copyOf(openTasks.values())) {
                openTasks.remove(a.getId());
                String input = a.getScheduleTask().getInput().getValue();
                try {
                    Object result = execute(a.getScheduleTask().getName(), input);
                    TaskCompletedEvent.Builder done = TaskCompletedEvent.newBuilder().setTaskScheduledId(a.getId());
                    if (result != null) {
                        done.setResult(StringValue.of(write(result)));
                    }
                    pending.add(event().setTaskCompleted(done).build());
                } catch (RuntimeException e) {
                    pending.add(event().setTaskFailed(TaskFailedEvent.newBuilder().setTaskScheduledId(a.getId())
                            .setFailureDetails(TaskFailureDetails.newBuilder().setErrorType(e.getClass().getName())
                                    .setErrorMessage(String.valueOf(e.getMessage())))).build());
                }
            }
            step();
        }
    }

    private Object execute(String name, String input) {
        int failures = failing.getOrDefault(name, 0);
        if (failures > 0) {
            failing.put(name, failures - 1);
            throw new IllegalStateException("storage unreachable while running " + name);
        }
        return switch (name) {
            case DispatchStageTasks.NAME -> dispatch.run(read(input, DispatchStageTasks.Request.class));
            case InspectStage.NAME -> inspect.run(read(input, InspectStage.Request.class));
            case RecordProgress.NAME -> {
                record.run(read(input, RunSnapshot.class));
                yield null;
            }
            case FinishRun.NAME -> {
                finish.run(read(input, FinishRun.Request.class));
                yield null;
            }
            default -> throw new AssertionError("unknown activity " + name);
        };
    }

    void raise(String name, Object payload) {
        EventRaisedEvent.Builder raised = EventRaisedEvent.newBuilder().setName(name);
        if (payload != null) {
            raised.setInput(StringValue.of(write(payload)));
        }
        pending.add(event().setEventRaised(raised).build());
    }

    /** Moves the clock and fires the timers whose time is strictly before it. */
    void advance(Duration d) {
        now = now.plus(d);
        for (Map.Entry<Integer, Instant> t : List.copyOf(openTimers.entrySet())) {
            if (now.isAfter(t.getValue())) {
                openTimers.remove(t.getKey());
                pending.add(event().setTimerFired(TimerFiredEvent.newBuilder().setTimerId(t.getKey())
                        .setFireAt(ts(t.getValue()))).build());
            }
        }
    }

    List<Instant> openTimers() {
        return List.copyOf(openTimers.values());
    }

    /** A stage worker's answer to {@code task}, through the relay; raises the event the relay asks for. */
    Optional<StageDoneRelay.Raise> report(StageTask task, long rowsIn, long rowsOut, Map<String, Long> stepRejected) {
        return relay(done(task).setOutcome(StageOutcome.SUCCEEDED)
                .setCounts(new RowCounts(rowsIn, rowsOut, rowsIn - rowsOut)).setStepRejected(stepRejected).build());
    }

    Optional<StageDoneRelay.Raise> reportFailure(StageTask task, ErrorClass errorClass, String message) {
        return relay(done(task).setOutcome(StageOutcome.FAILED).setCounts(new RowCounts(0L, 0L, 0L))
                .setError(ErrorInfo.newBuilder().setErrorClass(errorClass).setMessage(message).build()).build());
    }

    private Optional<StageDoneRelay.Raise> relay(StageDone done) {
        Optional<StageDoneRelay.Raise> raise = relay.onStageDone(done);
        raise.ifPresent(r -> raise(r.eventName(), r.signal()));
        return raise;
    }

    static StageDone.Builder done(StageTask task) {
        return StageDone.newBuilder().setEventId("done-" + task.getEventId()).setRunId(task.getRunId())
                .setOccurredAt(task.getOccurredAt()).setTaskEventId(task.getEventId())
                .setPipelineId(task.getPipelineId()).setStageIndex(task.getStageIndex())
                .setStageKind(task.getStageKind()).setAttempt(task.getAttempt()).setStartedAt(task.getOccurredAt())
                .setFinishedAt(task.getOccurredAt()).setStageName(task.getStageName())
                .setChunkIndex(task.getChunkIndex()).setChunkCount(task.getChunkCount());
    }

    /** Tasks published for a stage and attempt. */
    List<StageTask> tasks(String stage, int attempt) {
        return published.stream().filter(t -> t.getStageName().equals(stage) && t.getAttempt() == attempt).toList();
    }

    RunRecord runRecord() {
        return ledger.get(RUN).orElseThrow();
    }

    RunResult result() {
        return completion == null ? null : read(completion.getCompleteOrchestration().getResult().getValue(), RunResult.class);
    }

    <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private HistoryEvent.Builder event() {
        return HistoryEvent.newBuilder().setEventId(-1).setTimestamp(ts(now));
    }

    static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    static List<String> names(List<OrchestratorAction> actions) {
        return actions.stream().map(a -> switch (a.getOrchestratorActionTypeCase()) {
            case SCHEDULETASK -> a.getScheduleTask().getName();
            case CREATETIMER -> "timer@" + instant(a.getCreateTimer().getFireAt());
            case COMPLETEORCHESTRATION -> "complete:" + a.getCompleteOrchestration().getOrchestrationStatus();
            default -> a.getOrchestratorActionTypeCase().name();
        }).toList();
    }
}
