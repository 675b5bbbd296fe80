package com.doe.local.host.durable;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The current state of every orchestration instance: the {@link InstanceStore}'s records with a
 * cache in front (this host is the task hub's only writer), a lock per instance that serializes its
 * changes, and the clients waiting for an instance to change.
 *
 * <p>Thread-safe. {@link #load}, {@link #save} and {@link #keep} must be called under the
 * instance's lock ({@link #withLock}); the other methods take it themselves.
 */
final class Instances {

    private final InstanceStore store;
    private final Supplier<Instant> clock;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Instance> cache = new ConcurrentHashMap<>();
    private final InstanceWaiters waiters = new InstanceWaiters();

    Instances(InstanceStore store, Supplier<Instant> clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Runs {@code action} holding the instance's lock; locks are reentrant. */
    <T> T withLock(String instanceId, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(instanceId, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** The instance's current state (cached, else read from the store); under its lock. */
    Optional<Instance> load(String instanceId) {
        Instance cached = cache.get(instanceId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Instance> stored = store.read(instanceId);
        stored.ifPresent(instance -> cache.put(instanceId, instance));
        return stored;
    }

    /** Stores {@code instance} and makes it the current state; under its lock. */
    void save(Instance instance) {
        store.write(instance);
        keep(instance);
    }

    /**
     * Makes {@code instance} the current state without storing it, for a change a restarted host
     * makes again from the stored record (see {@link Inbox#addUnstored}); under its lock.
     */
    void keep(Instance instance) {
        cache.put(instance.id(), instance);
        waiters.changed(instance);
    }

    Optional<Instance> find(String instanceId) {
        return withLock(instanceId, () -> load(instanceId));
    }

    /**
     * Creates and stores a pending instance whose inbox holds its ExecutionStarted event; the
     * caller schedules its first episode. An existing instance with the id is replaced only once it
     * has finished.
     *
     * @throws InstanceExistsException when an instance with the id is still running
     */
    Instance start(String name, String instanceId, String input, ParentInstanceInfo parent, Instant startAt) {
        return withLock(instanceId, () -> {
            Optional<Instance> existing = load(instanceId);
            if (existing.isPresent() && !existing.get().isTerminal()) {
                throw new InstanceExistsException(instanceId, existing.get().status());
            }
            Instant now = clock.get();
            String executionId = Instance.newId();
            OrchestrationState.Builder state = OrchestrationState.newBuilder()
                    .setInstanceId(instanceId)
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
                    List.of(HistoryEvents.executionStarted(name, instanceId, executionId, input, parent, now)));
            save(instance);
            return instance;
        });
    }

    /** Deletes a finished instance's record; running instances are kept. Returns how many were deleted. */
    int purge(String instanceId) {
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

    /** The stored instances' ids and statuses, read from the store's listing (no record is read). */
    List<InstanceStore.Listed> listed() {
        return store.list();
    }

    /** All stored instances, finished ones included. */
    List<Instance> all() {
        List<Instance> instances = new ArrayList<>();
        for (InstanceStore.Listed listed : store.list()) {
            find(listed.instanceId()).ifPresent(instances::add);
        }
        return instances;
    }

    /**
     * Completes when the instance satisfies the condition (checked now and after every change), or
     * at once with null when there is no such instance.
     */
    CompletableFuture<Instance> await(String instanceId, Predicate<Instance> condition) {
        CompletableFuture<Instance> future = waiters.add(instanceId, condition);
        find(instanceId).ifPresentOrElse(waiters::changed, () -> future.complete(null));
        return future;
    }

    /** Cancels every client's wait, as the host stops. */
    void cancelWaits() {
        waiters.cancelAll();
    }
}
