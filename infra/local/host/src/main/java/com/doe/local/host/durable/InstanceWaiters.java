package com.doe.local.host.durable;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Clients waiting for an instance to reach a condition (started, finished). A wait completes with
 * the first state of the instance that satisfies its condition and is forgotten once it completes
 * or is cancelled. Thread-safe.
 */
final class InstanceWaiters {

    private record Waiter(Predicate<Instance> condition, CompletableFuture<Instance> future) {
    }

    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

    /**
     * Registers a wait on the instance. It completes on a later {@link #changed}; the caller checks
     * the instance's current state with {@link #changed} too, as it may already satisfy the condition.
     */
    CompletableFuture<Instance> add(String instanceId, Predicate<Instance> condition) {
        CompletableFuture<Instance> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(condition, future);
        waiters.computeIfAbsent(instanceId, k -> new CopyOnWriteArrayList<>()).add(waiter);
        future.whenComplete((result, error) -> {
            List<Waiter> list = waiters.get(instanceId);
            if (list != null) {
                list.remove(waiter);
            }
        });
        return future;
    }

    /** Completes the waits whose condition the instance's new state satisfies. */
    void changed(Instance instance) {
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

    /** Cancels every wait, as the host stops: the waiting clients get no answer from this host. */
    void cancelAll() {
        waiters.values().forEach(list -> list.forEach(w -> w.future().cancel(false)));
    }
}
