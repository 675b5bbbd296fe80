package com.doe.local.host.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Durable timers and scheduled starts, on one scheduler thread. A timer delivers TimerFired to its
 * execution's inbox when due; it is kept in memory only, as a restarted host sets the timers of the
 * stored history again. A scheduled start runs an instance's first episode at its start time.
 *
 * <p>Thread-safe. Once the backend is stopping no timer is set; after {@link #shutdownNow} none fires.
 */
final class DurableTimers {

    private final Inbox inbox;
    private final EpisodeQueue episodes;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("durable-timer"));
    private final BooleanSupplier stopping;

    DurableTimers(Inbox inbox, EpisodeQueue episodes, Supplier<Instant> clock, BooleanSupplier stopping) {
        this.inbox = inbox;
        this.episodes = episodes;
        this.clock = clock;
        this.stopping = stopping;
    }

    /** Fires the timer at its time (at once if it is past). */
    void set(String instanceId, String executionId, Instance.PendingTimer timer) {
        if (stopping.getAsBoolean()) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.get(), HistoryEvents.instant(timer.fireAt())).toMillis());
        scheduler.schedule(() -> inbox.addUnstored(instanceId, executionId,
                HistoryEvents.timerFired(timer.timerId(), timer.fireAt(), clock.get())), delay, TimeUnit.MILLISECONDS);
    }

    /** Schedules the instance's next episode: at its scheduled start time if that is still ahead, else now. */
    void startWhenDue(Instance instance) {
        Instant startAt = instance.state().hasScheduledStartTimestamp()
                ? HistoryEvents.instant(instance.state().getScheduledStartTimestamp()) : null;
        long delay = startAt == null ? 0 : Duration.between(clock.get(), startAt).toMillis();
        if (delay > 0) {
            scheduler.schedule(() -> episodes.enqueue(instance.id()), delay, TimeUnit.MILLISECONDS);
        } else {
            episodes.enqueue(instance.id());
        }
    }

    void shutdownNow() {
        scheduler.shutdownNow();
    }
}
