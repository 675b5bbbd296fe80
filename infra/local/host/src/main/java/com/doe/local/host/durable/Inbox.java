package com.doe.local.host.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Delivers events to instances' inboxes (a raised event, an activity's result, a fired timer, a
 * child's end, a termination) and schedules the episode that replays them. An event for a missing
 * or finished instance, or for an execution that has since continued as new, is dropped.
 *
 * <p>Thread-safe: takes the instance's lock.
 */
final class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class.getName());

    private final Instances instances;
    private final EpisodeQueue episodes;

    Inbox(Instances instances, EpisodeQueue episodes) {
        this.instances = instances;
        this.episodes = episodes;
    }

    /**
     * Adds an event, stored before this returns.
     *
     * @param executionId the execution the event is for, or null for whichever is current
     */
    void add(String instanceId, String executionId, HistoryEvent event) {
        add(instanceId, executionId, event, true);
    }

    /**
     * Adds an event kept in memory until the episode stores it with the history: only for events a
     * restarted host produces again from the stored history (an activity's result, as recovery runs
     * an activity scheduled without a result again; a fired timer, as it sets the timer again). That
     * saves one history write per activity.
     */
    void addUnstored(String instanceId, String executionId, HistoryEvent event) {
        add(instanceId, executionId, event, false);
    }

    private void add(String instanceId, String executionId, HistoryEvent event, boolean stored) {
        boolean added = instances.withLock(instanceId, () -> {
            Optional<Instance> found = instances.load(instanceId);
            if (found.isEmpty() || found.get().isTerminal()
                    || (executionId != null && !executionId.equals(found.get().executionId()))) {
                LOG.fine(() -> "dropped " + event.getEventTypeCase() + " for instance " + instanceId
                        + " (missing, finished or continued as new)");
                return false;
            }
            Instance next = found.get().withInbox(event);
            if (stored) {
                instances.save(next);
            } else {
                instances.keep(next);
            }
            return true;
        });
        if (added) {
            episodes.enqueue(instanceId);
        }
    }
}
