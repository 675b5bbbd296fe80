package com.doe.local.host.durable;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A fixed pool of daemon threads named {@code <name>-<n>} for work that stops with the backend:
 * once {@link #stopping} is true its users take no new work and queued tasks return early, while
 * running ones may finish. The stopping signal is the backend's, shared by all its pools and its
 * timers, so that they all stop taking work at the same moment.
 *
 * <p>Thread-safe.
 */
final class WorkerPool {

    private final ExecutorService executor;
    private final BooleanSupplier stopping;

    WorkerPool(String name, int threads, BooleanSupplier stopping) {
        this.executor = Executors.newFixedThreadPool(threads, DaemonThreads.named(name));
        this.stopping = stopping;
    }

    boolean stopping() {
        return stopping.getAsBoolean();
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    /** Takes no more tasks; running and queued ones go on (see {@link #awaitTermination}). */
    void shutdown() {
        executor.shutdown();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return executor.awaitTermination(timeout, unit);
    }

    /** Interrupts the tasks still running and drops the queued ones. */
    void shutdownNow() {
        executor.shutdownNow();
    }
}
