package com.doe.local.host.durable;

import com.doe.local.host.discovery.FunctionApp;
import com.doe.local.host.discovery.FunctionDefinition;
import com.doe.local.host.discovery.Trigger;
import com.doe.local.host.invoke.BindingException;
import com.doe.local.host.invoke.Conversions;
import com.doe.local.host.invoke.InvocationException;
import com.doe.local.host.invoke.Invoker;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs activities on the activity pool: invokes the app's activity function with the scheduled
 * input and delivers the result to the orchestration's inbox as TaskCompleted, or TaskFailed with
 * the function's failure (or with {@code ActivityNotFound}). The result is kept in memory until the
 * next episode stores it, and a restarted host runs an activity scheduled without a stored result
 * again: delivery is at least once, as in Azure.
 *
 * <p>Thread-safe. Once the pool is stopping, no new activity starts.
 */
final class ActivityWorker {

    private final FunctionApp app;
    private final Invoker invoker;
    private final Inbox inbox;
    private final Supplier<Instant> clock;
    private final WorkerPool pool;

    ActivityWorker(FunctionApp app, Invoker invoker, Inbox inbox, Supplier<Instant> clock, WorkerPool pool) {
        this.app = app;
        this.invoker = invoker;
        this.inbox = inbox;
        this.clock = clock;
        this.pool = pool;
    }

    /** Runs the activity in the background; its result goes to that execution of the instance. */
    void dispatch(String instanceId, String executionId, Instance.PendingActivity activity) {
        if (pool.stopping()) {
            return;
        }
        pool.execute(() -> {
            if (pool.stopping()) {
                return;
            }
            HistoryEvent result = run(activity);
            inbox.addUnstored(instanceId, executionId, result);
        });
    }

    private HistoryEvent run(Instance.PendingActivity activity) {
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
        } catch (InvocationException | BindingException e) {
            Throwable cause = e instanceof InvocationException ? e.getCause() : e;
            return HistoryEvents.taskFailed(activity.taskId(), HistoryEvents.failure(cause), clock.get());
        }
    }
}
