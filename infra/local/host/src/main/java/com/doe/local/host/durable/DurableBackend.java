package com.doe.local.host.durable;

import com.azure.storage.blob.BlobServiceClient;
import com.doe.local.host.discovery.FunctionApp;
import com.doe.local.host.discovery.FunctionDefinition;
import com.doe.local.host.discovery.Trigger;
import com.doe.local.host.invoke.Conversions;
import com.doe.local.host.invoke.InvocationException;
import com.doe.local.host.invoke.Invoker;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateSubOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventSentEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerCreatedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local Durable Task backend. Each instance has an inbox of new events (start, activity
 * results, fired timers, raised events, termination); an episode replays the instance's history
 * plus the inbox through the orchestrator function (the app's durable middleware runs the SDK's
 * {@code OrchestrationRunner}), records the new events and the returned actions in the history and
 * carries the actions out: activities on a worker pool, durable timers, sub-orchestrations, events
 * to other instances, completion and continue-as-new. Every change is written to Blob Storage
 * before it has effects, so a restarted host resumes in-flight instances: activities scheduled
 * without a result run again (at least once, as in Azure), timers are set again.
 *
 * <p>Thread-safe: changes to one instance are serialized by its lock; episodes of one instance
 * never overlap.
 */
public final class DurableBackend implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DurableBackend.class.getName());

    /** Thrown to the client for an unknown instance. */
    public static final class InstanceNotFoundException extends RuntimeException {
        InstanceNotFoundException(String instanceId) {
            super("no orchestration instance with id '" + instanceId + "'");
        }
    }

    /** Thrown to the client when an instance with the id is still running. */
    public static final class InstanceExistsException extends RuntimeException {
        InstanceExistsException(String instanceId, OrchestrationStatus status) {
            super("orchestration instance '" + instanceId + "' already exists and is " + status);
        }
    }

    private record Waiter(Predicate<Instance> condition, CompletableFuture<Instance> future) {
    }

    private final FunctionApp app;
    private final Invoker invoker;
    private final InstanceStore store;
    private final Supplier<Instant> clock;
    private final ExecutorService orchestrators;
    private final ExecutorService activities;
    private final ScheduledExecutorService timers;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Instance> cache = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
    private volatile boolean closing;

    public DurableBackend(FunctionApp app, Invoker invoker, BlobServiceClient storage) {
        this.app = app;
        this.invoker = invoker;
        this.store = new InstanceStore(storage, app.config().hubName());
        this.clock = Instant::now;
        this.orchestrators = pool("orchestrator", Math.max(1, app.config().maxConcurrentOrchestrators()));
        this.activities = pool("activity", Math.max(1, app.config().maxConcurrentActivities()));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("durable-timer"));
    }

    public String hubName() {
        return app.config().hubName();
    }

    /** Resumes every instance the store holds that has not finished. */
    public int recover() {
        int resumed = 0;
        for (InstanceStore.Listed listed : store.list()) {
            OrchestrationStatus status = parseStatus(listed.status());
            if (status != null && Instance.isTerminal(status)) {
                continue;
            }
            Optional<Instance> found = withLock(listed.instanceId(), () -> load(listed.instanceId()));
            if (found.isEmpty() || found.get().isTerminal()) {
                continue;
            }
            Instance instance = found.get();
            resumed++;
            instance.pendingActivities().forEach(a -> dispatchActivity(instance.id(), instance.executionId(), a));
            instance.pendingTimers().forEach(t -> setTimer(instance.id(), instance.executionId(), t));
            instance.pendingChildren().forEach(c -> resumeChild(instance, c));
            if (!instance.inbox().isEmpty()) {
                enqueueAtStart(instance);
            }
        }
        return resumed;
    }

    // --- client operations --------------------------------------------------------------------

    /** Creates an instance; an existing one with the id may be replaced only once it has finished. */
    public String schedule(String name, String instanceId, String input, Instant startAt) {
        String id = instanceId == null || instanceId.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : instanceId;
        Instance created = withLock(id, () -> {
            Optional<Instance> existing = load(id);
            if (existing.isPresent() && !existing.get().isTerminal()) {
                throw new InstanceExistsException(id, existing.get().status());
            }
            return create(name, id, input, null, startAt);
        });
        enqueueAtStart(created);
        return id;
    }

    public Optional<Instance> find(String instanceId) {
        return withLock(instanceId, () -> load(instanceId));
    }

    public void raiseEvent(String instanceId, String name, String input) {
        requireExisting(instanceId);
        append(instanceId, null, HistoryEvents.eventRaised(name, input, clock.get()));
    }

    public void terminate(String instanceId, String output) {
        requireExisting(instanceId);
        append(instanceId, null, HistoryEvents.executionTerminated(output, clock.get()));
    }

    /** Deletes a finished instance's record; running instances are kept. Returns how many were deleted. */
    public int purge(String instanceId) {
        return withLock(instanceId, () -> {
            Optional<Instance> instance = load(instanceId);
            if (instance.isEmpty() || !instance.get().isTerminal()) {
                return 0;
            }
            store.delete(instanceId);
            cache.remove(instanceId);
            return 1;
        });
    }

    /** All stored instances (finished ones included); for queries and purges by filter. */
    public List<Instance> all() {
        List<Instance> instances = new ArrayList<>();
        for (InstanceStore.Listed listed : store.list()) {
            find(listed.instanceId()).ifPresent(instances::add);
        }
        return instances;
    }

    /** Completes when the instance satisfies the condition (checked now and after every change). */
    public CompletableFuture<Instance> await(String instanceId, Predicate<Instance> condition) {
        CompletableFuture<Instance> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(condition, future);
        waiters.computeIfAbsent(instanceId, k -> new CopyOnWriteArrayList<>()).add(waiter);
        find(instanceId).ifPresentOrElse(instance -> notifyWaiters(instance), () -> future.complete(null));
        future.whenComplete((result, error) -> {
            List<Waiter> list = waiters.get(instanceId);
            if (list != null) {
                list.remove(waiter);
            }
        });
        return future;
    }

    // --- episodes -------------------------------------------------------------------------------

    private Instance create(String name, String id, String input, ParentInstanceInfo parent, Instant startAt) {
        Instant now = clock.get();
        String executionId = UUID.randomUUID().toString().replace("-", "");
        OrchestrationState.Builder state = OrchestrationState.newBuilder()
                .setInstanceId(id)
                .setName(name)
                .setOrchestrationStatus(OrchestrationStatus.ORCHESTRATION_STATUS_PENDING)
                .setCreatedTimestamp(HistoryEvents.timestamp(now))
                .setLastUpdatedTimestamp(HistoryEvents.timestamp(now));
        if (input != null) {
            state.setInput(StringValue.of(input));
        }
        if (startAt != null) {
            state.setScheduledStartTimestamp(HistoryEvents.timestamp(startAt));
        }
        Instance instance = new Instance(state.build(), executionId, List.of(),
                List.of(HistoryEvents.executionStarted(name, id, executionId, input, parent, now)));
        save(instance);
        return instance;
    }

    private void enqueueAtStart(Instance instance) {
        Instant startAt = instance.state().hasScheduledStartTimestamp()
                ? HistoryEvents.instant(instance.state().getScheduledStartTimestamp()) : null;
        long delay = startAt == null ? 0 : Duration.between(clock.get(), startAt).toMillis();
        if (delay > 0) {
            timers.schedule(() -> enqueue(instance.id()), delay, TimeUnit.MILLISECONDS);
        } else {
            enqueue(instance.id());
        }
    }

    /** Adds an event to an instance's inbox, stored before this returns, and schedules an episode. */
    private void append(String instanceId, String executionId, HistoryEvent event) {
        append(instanceId, executionId, event, true);
    }

    /**
     * Adds an event to an instance's inbox and schedules an episode; dropped once the instance has
     * finished. With {@code stored} false the event is kept in memory until the episode stores it
     * with the history: only for events a restarted host produces again from the stored history (an
     * activity's result, as {@link #recover} runs an activity scheduled without a result again; a
     * fired timer, as it sets the timer again). That saves one history write per activity.
     */
    private void append(String instanceId, String executionId, HistoryEvent event, boolean stored) {
        boolean added = withLock(instanceId, () -> {
            Optional<Instance> found = load(instanceId);
            if (found.isEmpty() || found.get().isTerminal()
                    || (executionId != null && !executionId.equals(found.get().executionId()))) {
                LOG.fine(() -> "dropped " + event.getEventTypeCase() + " for instance " + instanceId
                        + " (missing, finished or continued as new)");
                return false;
            }
            Instance next = found.get().withInbox(event);
            if (stored) {
                save(next);
            } else {
                keep(next);
            }
            return true;
        });
        if (added) {
            enqueue(instanceId);
        }
    }

    private void enqueue(String instanceId) {
        if (closing) {
            return;
        }
        queued.add(instanceId);
        if (running.add(instanceId)) {
            orchestrators.execute(() -> drain(instanceId));
        }
    }

    private void drain(String instanceId) {
        try {
            while (queued.remove(instanceId) && !closing) {
                try {
                    episode(instanceId);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "orchestration instance '" + instanceId + "': episode failed in the host", e);
                }
            }
        } finally {
            running.remove(instanceId);
            if (queued.contains(instanceId) && !closing && running.add(instanceId)) {
                orchestrators.execute(() -> drain(instanceId));
            }
        }
    }

    private void episode(String instanceId) {
        List<Runnable> effects = new ArrayList<>();
        withLock(instanceId, () -> {
            Optional<Instance> found = load(instanceId);
            if (found.isEmpty() || found.get().inbox().isEmpty()) {
                return null;
            }
            Instance instance = found.get();
            if (instance.isTerminal()) {
                save(new Instance(instance.state(), instance.executionId(), instance.history(), List.of()));
                return null;
            }
            Optional<HistoryEvent> termination = instance.inbox().stream().filter(HistoryEvent::hasExecutionTerminated).findFirst();
            if (termination.isPresent()) {
                var terminated = termination.get().getExecutionTerminated();
                finish(instance, List.of(termination.get()), OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED,
                        terminated.hasInput() ? terminated.getInput() : null, null, effects);
                return null;
            }
            runOrchestrator(instance, effects);
            return null;
        });
        effects.forEach(Runnable::run);
    }

    private void runOrchestrator(Instance instance, List<Runnable> effects) {
        Instant now = clock.get();
        for (HistoryEvent event : instance.inbox()) {
            if (event.hasTimerFired()) {
                // The SDK fires a timer only when the episode's time is strictly after its fire time.
                Instant fireAt = HistoryEvents.instant(event.getTimerFired().getFireAt()).plusMillis(1);
                now = fireAt.isAfter(now) ? fireAt : now;
            }
        }
        List<HistoryEvent> newEvents = new ArrayList<>();
        newEvents.add(HistoryEvents.orchestratorStarted(now));
        newEvents.addAll(instance.inbox());
        String name = instance.state().getName();
        Optional<FunctionDefinition> orchestrator = app.function(name, Trigger.Orchestration.class);
        if (orchestrator.isEmpty()) {
            finish(instance, newEvents, OrchestrationStatus.ORCHESTRATION_STATUS_FAILED, null,
                    HistoryEvents.failure("OrchestratorNotFound", "the app has no orchestrator function named '" + name + "'"),
                    effects);
            return;
        }
        OrchestratorResponse response;
        try {
            String request = Base64.getEncoder().encodeToString(OrchestratorRequest.newBuilder()
                    .setInstanceId(instance.id())
                    .setExecutionId(StringValue.of(instance.executionId()))
                    .addAllPastEvents(instance.history())
                    .addAllNewEvents(newEvents)
                    .build().toByteArray());
            Object encoded = invoker.invoke(orchestrator.get(), request, Map.of());
            if (!(encoded instanceof String text)) {
                throw new IllegalStateException("orchestrator '" + name + "' returned " + encoded
                        + " instead of the durable middleware's encoded response; is durabletask-azure-functions in the app?");
            }
            response = OrchestratorResponse.parseFrom(Base64.getDecoder().decode(text));
        } catch (InvocationException | IllegalStateException | InvalidProtocolBufferException e) {
            Throwable cause = e instanceof InvocationException ? e.getCause() : e;
            finish(instance, newEvents, OrchestrationStatus.ORCHESTRATION_STATUS_FAILED, null,
                    HistoryEvents.failure(cause), effects);
            return;
        }
        apply(instance, newEvents, response, now, effects);
    }

    private void apply(Instance instance, List<HistoryEvent> newEvents, OrchestratorResponse response, Instant now,
                       List<Runnable> effects) {
        List<HistoryEvent> history = new ArrayList<>(instance.history());
        history.addAll(newEvents);
        CompleteOrchestrationAction completion = null;
        String id = instance.id();
        String executionId = instance.executionId();
        for (OrchestratorAction action : response.getActionsList()) {
            int actionId = action.getId();
            switch (action.getOrchestratorActionTypeCase()) {
                case SCHEDULETASK -> {
                    var task = action.getScheduleTask();
                    TaskScheduledEvent.Builder scheduled = TaskScheduledEvent.newBuilder().setName(task.getName());
                    if (task.hasInput()) {
                        scheduled.setInput(task.getInput());
                    }
                    history.add(HistoryEvents.event(now).setEventId(actionId).setTaskScheduled(scheduled).build());
                    var pending = new Instance.PendingActivity(actionId, task.getName(),
                            task.hasInput() ? task.getInput().getValue() : null);
                    effects.add(() -> dispatchActivity(id, executionId, pending));
                }
                case CREATETIMER -> {
                    var fireAt = action.getCreateTimer().getFireAt();
                    history.add(HistoryEvents.event(now).setEventId(actionId)
                            .setTimerCreated(TimerCreatedEvent.newBuilder().setFireAt(fireAt)).build());
                    effects.add(() -> setTimer(id, executionId, new Instance.PendingTimer(actionId, fireAt)));
                }
                case CREATESUBORCHESTRATION -> {
                    CreateSubOrchestrationAction child = action.getCreateSubOrchestration();
                    String childId = child.getInstanceId().isEmpty() ? UUID.randomUUID().toString() : child.getInstanceId();
                    SubOrchestrationInstanceCreatedEvent.Builder created = SubOrchestrationInstanceCreatedEvent.newBuilder()
                            .setInstanceId(childId).setName(child.getName());
                    if (child.hasInput()) {
                        created.setInput(child.getInput());
                    }
                    history.add(HistoryEvents.event(now).setEventId(actionId).setSubOrchestrationInstanceCreated(created).build());
                    var pending = new Instance.PendingChild(actionId, childId, child.getName(),
                            child.hasInput() ? child.getInput().getValue() : null);
                    effects.add(() -> startChild(instance, executionId, pending));
                }
                case SENDEVENT -> {
                    var send = action.getSendEvent();
                    EventSentEvent.Builder sent = EventSentEvent.newBuilder()
                            .setInstanceId(send.getInstance().getInstanceId()).setName(send.getName());
                    if (send.hasData()) {
                        sent.setInput(send.getData());
                    }
                    history.add(HistoryEvents.event(now).setEventId(actionId).setEventSent(sent).build());
                    String target = send.getInstance().getInstanceId();
                    String data = send.hasData() ? send.getData().getValue() : null;
                    effects.add(() -> append(target, null, HistoryEvents.eventRaised(send.getName(), data, clock.get())));
                }
                case COMPLETEORCHESTRATION -> completion = action.getCompleteOrchestration();
                default -> LOG.warning("orchestration '" + id + "': ignored unknown action " + action.getOrchestratorActionTypeCase());
            }
        }
        history.add(HistoryEvents.orchestratorCompleted(now));
        OrchestrationState.Builder state = instance.state().toBuilder()
                .setOrchestrationStatus(OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING)
                .setLastUpdatedTimestamp(HistoryEvents.timestamp(clock.get()));
        if (response.hasCustomStatus()) {
            state.setCustomStatus(response.getCustomStatus());
        } else {
            state.clearCustomStatus();
        }
        if (completion == null) {
            save(new Instance(state.build(), executionId, history, List.of()));
            return;
        }
        if (completion.getOrchestrationStatus() == OrchestrationStatus.ORCHESTRATION_STATUS_CONTINUED_AS_NEW) {
            continueAsNew(instance, state, completion, effects);
            return;
        }
        Instance running = new Instance(state.build(), executionId, history, List.of());
        finish(running, List.of(), completion.getOrchestrationStatus(),
                completion.hasResult() ? completion.getResult() : null,
                completion.hasFailureDetails() ? completion.getFailureDetails() : null, effects);
    }

    private void continueAsNew(Instance instance, OrchestrationState.Builder state, CompleteOrchestrationAction completion,
                               List<Runnable> effects) {
        String executionId = UUID.randomUUID().toString().replace("-", "");
        String input = completion.hasResult() ? completion.getResult().getValue() : null;
        List<HistoryEvent> inbox = new ArrayList<>();
        inbox.add(HistoryEvents.executionStarted(instance.state().getName(), instance.id(), executionId, input,
                instance.parent(), clock.get()));
        inbox.addAll(completion.getCarryoverEventsList());
        state.clearOutput().clearFailureDetails();
        if (input != null) {
            state.setInput(StringValue.of(input));
        } else {
            state.clearInput();
        }
        save(new Instance(state.build(), executionId, List.of(), inbox));
        effects.add(() -> enqueue(instance.id()));
    }

    /** Records the end of an execution and tells the parent orchestration and waiting clients. */
    private void finish(Instance instance, List<HistoryEvent> newEvents, OrchestrationStatus status, StringValue output,
                        TaskFailureDetails failure, List<Runnable> effects) {
        Instant now = clock.get();
        List<HistoryEvent> history = new ArrayList<>(instance.history());
        history.addAll(newEvents);
        history.add(HistoryEvents.executionCompleted(status, output, failure, now));
        OrchestrationState.Builder state = instance.state().toBuilder()
                .setOrchestrationStatus(status)
                .setLastUpdatedTimestamp(HistoryEvents.timestamp(now));
        if (output != null) {
            state.setOutput(output);
        }
        if (failure != null) {
            state.setFailureDetails(failure);
        }
        Instance finished = new Instance(state.build(), instance.executionId(), history, List.of());
        save(finished);
        LOG.info(() -> "orchestration '" + finished.id() + "' (" + finished.state().getName() + ") " + status.name()
                .replace("ORCHESTRATION_STATUS_", "").toLowerCase()
                + (failure == null ? "" : ": " + failure.getErrorType() + ": " + failure.getErrorMessage()));
        ParentInstanceInfo parent = finished.parent();
        if (parent != null) {
            effects.add(() -> notifyParent(parent, finished));
        }
    }

    private void notifyParent(ParentInstanceInfo parent, Instance child) {
        Instant now = clock.get();
        HistoryEvent event = child.status() == OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED
                ? HistoryEvents.subOrchestrationCompleted(parent.getTaskScheduledId(),
                        child.state().hasOutput() ? child.state().getOutput() : null, now)
                : HistoryEvents.subOrchestrationFailed(parent.getTaskScheduledId(),
                        child.state().hasFailureDetails() ? child.state().getFailureDetails()
                                : HistoryEvents.failure("SubOrchestrationEnded", "sub-orchestration '" + child.id()
                                + "' ended " + child.status()), now);
        OrchestrationInstance target = parent.getOrchestrationInstance();
        append(target.getInstanceId(), target.hasExecutionId() ? target.getExecutionId().getValue() : null, event);
    }

    private void startChild(Instance parent, String parentExecutionId, Instance.PendingChild child) {
        ParentInstanceInfo info = ParentInstanceInfo.newBuilder()
                .setTaskScheduledId(child.taskId())
                .setName(StringValue.of(parent.state().getName()))
                .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(parent.id())
                        .setExecutionId(StringValue.of(parentExecutionId)))
                .build();
        Instance created = withLock(child.instanceId(), () -> {
            Optional<Instance> existing = load(child.instanceId());
            if (existing.isPresent() && !existing.get().isTerminal()) {
                return null;
            }
            return create(child.name(), child.instanceId(), child.input(), info, null);
        });
        if (created != null) {
            enqueue(created.id());
        }
    }

    private void resumeChild(Instance parent, Instance.PendingChild child) {
        Optional<Instance> existing = find(child.instanceId());
        if (existing.isEmpty()) {
            startChild(parent, parent.executionId(), child);
        } else if (existing.get().isTerminal()) {
            ParentInstanceInfo info = existing.get().parent();
            if (info != null) {
                notifyParent(info, existing.get());
            }
        }
    }

    // --- activities and timers ------------------------------------------------------------------

    private void dispatchActivity(String instanceId, String executionId, Instance.PendingActivity activity) {
        if (closing) {
            return;
        }
        activities.execute(() -> {
            if (closing) {
                return;
            }
            HistoryEvent result = runActivity(activity);
            append(instanceId, executionId, result, false);
        });
    }

    private HistoryEvent runActivity(Instance.PendingActivity activity) {
        Optional<FunctionDefinition> function = app.function(activity.name(), Trigger.Activity.class);
        if (function.isEmpty()) {
            return HistoryEvents.taskFailed(activity.taskId(), HistoryEvents.failure("ActivityNotFound",
                    "the app has no activity function named '" + activity.name() + "'"), clock.get());
        }
        try {
            // As the Java worker binds it: a String parameter gets the input's JSON text, other types are read from it.
            Object argument = activity.input() == null ? null
                    : Conversions.fromText(activity.input(), function.get().triggerParameter().type());
            Object value = invoker.invoke(function.get(), argument, Map.of());
            return HistoryEvents.taskCompleted(activity.taskId(), value == null ? null : Conversions.toJson(value), clock.get());
        } catch (InvocationException | com.doe.local.host.invoke.BindingException e) {
            Throwable cause = e instanceof InvocationException ? e.getCause() : e;
            return HistoryEvents.taskFailed(activity.taskId(), HistoryEvents.failure(cause), clock.get());
        }
    }

    private void setTimer(String instanceId, String executionId, Instance.PendingTimer timer) {
        if (closing) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.get(), HistoryEvents.instant(timer.fireAt())).toMillis());
        timers.schedule(() -> append(instanceId, executionId,
                HistoryEvents.timerFired(timer.timerId(), timer.fireAt(), clock.get()), false), delay, TimeUnit.MILLISECONDS);
    }

    // --- storage and locking --------------------------------------------------------------------

    private Optional<Instance> load(String instanceId) {
        Instance cached = cache.get(instanceId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Instance> stored = store.read(instanceId);
        stored.ifPresent(instance -> cache.put(instanceId, instance));
        return stored;
    }

    private void save(Instance instance) {
        store.write(instance);
        keep(instance);
    }

    /** Makes {@code instance} the current state without storing it (see {@link #append(String, String, HistoryEvent, boolean)}). */
    private void keep(Instance instance) {
        cache.put(instance.id(), instance);
        notifyWaiters(instance);
    }

    private void notifyWaiters(Instance instance) {
        List<Waiter> list = waiters.get(instance.id());
        if (list == null) {
            return;
        }
        for (Waiter waiter : list) {
            if (waiter.condition().test(instance)) {
                waiter.future().complete(instance);
            }
        }
    }

    private void requireExisting(String instanceId) {
        if (find(instanceId).isEmpty()) {
            throw new InstanceNotFoundException(instanceId);
        }
    }

    private <T> T withLock(String instanceId, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(instanceId, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static OrchestrationStatus parseStatus(String name) {
        try {
            return OrchestrationStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Stops taking work, lets running episodes and activities finish for a few seconds. */
    @Override
    public void close() {
        closing = true;
        timers.shutdownNow();
        orchestrators.shutdown();
        activities.shutdown();
        try {
            activities.awaitTermination(5, TimeUnit.SECONDS);
            orchestrators.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        orchestrators.shutdownNow();
        activities.shutdownNow();
        waiters.values().forEach(list -> list.forEach(w -> w.future().cancel(false)));
    }

    private static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, daemon(name));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
