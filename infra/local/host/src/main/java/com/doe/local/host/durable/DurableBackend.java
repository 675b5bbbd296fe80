package com.doe.local.host.durable;

import com.azure.storage.blob.BlobServiceClient;
import com.doe.local.host.discovery.FunctionApp;
import com.doe.local.host.invoke.Invoker;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The local Durable Task backend: what clients ask of it (start, raise an event, terminate, query,
 * wait, purge), recovery after a restart, and the wiring of its parts. Each instance has an inbox of
 * new events ({@link Inbox}); an episode ({@link Episodes}) replays the instance's history plus the
 * inbox through the orchestrator function, stores the new events and the returned actions, and
 * leaves {@link Effect}s that this class carries out: activities ({@link ActivityWorker}), durable
 * timers ({@link DurableTimers}), sub-orchestrations ({@link SubOrchestrations}), events to other
 * instances, the next execution after continue-as-new. Every change is written to Blob Storage
 * ({@link Instances}) before it has effects, so a restarted host resumes in-flight instances:
 * activities scheduled without a result run again (at least once, as in Azure), timers are set again.
 *
 * <p>Thread-safe: changes to one instance are serialized by its lock; episodes of one instance
 * never overlap ({@link EpisodeQueue}).
 */
public final class DurableBackend implements AutoCloseable {

    private final String hubName;
    private final Supplier<Instant> clock = Instant::now;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Instances instances;
    private final WorkerPool orchestratorPool;
    private final WorkerPool activityPool;
    private final EpisodeQueue queue;
    private final Inbox inbox;
    private final ActivityWorker activities;
    private final DurableTimers timers;
    private final SubOrchestrations children;
    private final Episodes episodes;

    public DurableBackend(FunctionApp app, Invoker invoker, BlobServiceClient storage) {
        this.hubName = app.config().hubName();
        this.instances = new Instances(new InstanceStore(storage, hubName), clock);
        this.orchestratorPool = new WorkerPool("orchestrator", Math.max(1, app.config().maxConcurrentOrchestrators()), closing::get);
        this.activityPool = new WorkerPool("activity", Math.max(1, app.config().maxConcurrentActivities()), closing::get);
        this.queue = new EpisodeQueue(orchestratorPool, this::runEpisode);
        this.inbox = new Inbox(instances, queue);
        this.activities = new ActivityWorker(app, invoker, inbox, clock, activityPool);
        this.timers = new DurableTimers(inbox, queue, clock, closing::get);
        this.children = new SubOrchestrations(instances, inbox, queue, clock);
        this.episodes = new Episodes(instances, new OrchestratorFunction(app, invoker), new ExecutionEnd(instances, clock), clock);
    }

    public String hubName() {
        return hubName;
    }

    /** Resumes every instance the store holds that has not finished; returns how many. */
    public int recover() {
        int resumed = 0;
        for (InstanceStore.Listed listed : instances.listed()) {
            if (listed.finished()) {
                continue;
            }
            Optional<Instance> found = instances.find(listed.instanceId());
            if (found.isEmpty() || found.get().isTerminal()) {
                continue;
            }
            Instance instance = found.get();
            resumed++;
            instance.pendingActivities().forEach(a -> activities.dispatch(instance.id(), instance.executionId(), a));
            instance.pendingTimers().forEach(t -> timers.set(instance.id(), instance.executionId(), t));
            instance.pendingChildren().forEach(c -> children.resume(instance, c));
            if (!instance.inbox().isEmpty()) {
                timers.startWhenDue(instance);
            }
        }
        return resumed;
    }

    // --- client operations --------------------------------------------------------------------

    /**
     * Creates an instance (with a generated id if none is given) and runs it at {@code startAt}, or
     * now if null; an existing one with the id may be replaced only once it has finished.
     *
     * @throws InstanceExistsException when an instance with the id is still running
     */
    public String schedule(String name, String instanceId, String input, Instant startAt) {
        String id = instanceId == null || instanceId.isEmpty() ? Instance.newId() : instanceId;
        timers.startWhenDue(instances.start(name, id, input, null, startAt));
        return id;
    }

    public Optional<Instance> find(String instanceId) {
        return instances.find(instanceId);
    }

    /** @throws InstanceNotFoundException when there is no such instance */
    public void raiseEvent(String instanceId, String name, String input) {
        requireExisting(instanceId);
        inbox.add(instanceId, null, HistoryEvents.eventRaised(name, input, clock.get()));
    }

    /** @throws InstanceNotFoundException when there is no such instance */
    public void terminate(String instanceId, String output) {
        requireExisting(instanceId);
        inbox.add(instanceId, null, HistoryEvents.executionTerminated(output, clock.get()));
    }

    /** Deletes a finished instance's record; running instances are kept. Returns how many were deleted. */
    public int purge(String instanceId) {
        return instances.purge(instanceId);
    }

    /** All stored instances (finished ones included); for queries and purges by filter. */
    public List<Instance> all() {
        return instances.all();
    }

    /** Completes when the instance satisfies the condition (checked now and after every change); with null if there is none. */
    public CompletableFuture<Instance> await(String instanceId, Predicate<Instance> condition) {
        return instances.await(instanceId, condition);
    }

    private void requireExisting(String instanceId) {
        if (find(instanceId).isEmpty()) {
            throw new InstanceNotFoundException(instanceId);
        }
    }

    // --- episodes and their effects -----------------------------------------------------------

    private void runEpisode(String instanceId) {
        episodes.run(instanceId).forEach(this::carryOut);
    }

    private void carryOut(Effect effect) {
        if (effect instanceof Effect.RunActivity run) {
            activities.dispatch(run.instanceId(), run.executionId(), run.activity());
        } else if (effect instanceof Effect.SetTimer set) {
            timers.set(set.instanceId(), set.executionId(), set.timer());
        } else if (effect instanceof Effect.StartChild start) {
            children.start(start.parent(), start.parentExecutionId(), start.child());
        } else if (effect instanceof Effect.RaiseEvent raise) {
            inbox.add(raise.instanceId(), null, HistoryEvents.eventRaised(raise.name(), raise.input(), clock.get()));
        } else if (effect instanceof Effect.NotifyParent notify) {
            children.notifyParent(notify.parent(), notify.child());
        } else if (effect instanceof Effect.RunEpisode next) {
            queue.enqueue(next.instanceId());
        } else {
            throw new IllegalStateException("no handler for effect " + effect);
        }
    }

    /** Stops taking work, lets running episodes and activities finish for a few seconds. */
    @Override
    public void close() {
        closing.set(true);
        timers.shutdownNow();
        orchestratorPool.shutdown();
        activityPool.shutdown();
        try {
            activityPool.awaitTermination(5, TimeUnit.SECONDS);
            orchestratorPool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        orchestratorPool.shutdownNow();
        activityPool.shutdownNow();
        instances.cancelWaits();
    }
}
