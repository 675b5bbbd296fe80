package com.doe.local.host.durable;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The work loop: runs instances' episodes on the orchestrator pool, never two of one instance at
 * once. An instance enqueued while its episode runs gets another episode right after, so an event
 * that arrives during an episode is never left waiting for a later one. An episode that throws is
 * logged and the loop goes on.
 *
 * <p>Thread-safe. Once the pool is stopping, no new episode starts.
 */
final class EpisodeQueue {

    private static final Logger LOG = Logger.getLogger(EpisodeQueue.class.getName());

    private final WorkerPool pool;
    private final Consumer<String> episode;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** {@code episode} runs one episode of the instance with the given id. */
    EpisodeQueue(WorkerPool pool, Consumer<String> episode) {
        this.pool = pool;
        this.episode = episode;
    }

    /** Schedules an episode of the instance. */
    void enqueue(String instanceId) {
        if (pool.stopping()) {
            return;
        }
        queued.add(instanceId);
        if (running.add(instanceId)) {
            pool.execute(() -> drain(instanceId));
        }
    }

    private void drain(String instanceId) {
        try {
            while (queued.remove(instanceId) && !pool.stopping()) {
                try {
                    episode.accept(instanceId);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "orchestration instance '" + instanceId + "': episode failed in the host", e);
                }
            }
        } finally {
            running.remove(instanceId);
            if (queued.contains(instanceId) && !pool.stopping() && running.add(instanceId)) {
                pool.execute(() -> drain(instanceId));
            }
        }
    }
}
