package com.doe.local.host.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateSubOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventSentEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerCreatedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Turns an orchestrator's actions into history events, in the shapes the SDK replays (each event
 * carries its action's id), and into the {@link Effect}s that carry them out: schedule an activity,
 * create a timer, create a sub-orchestration, send an event. A complete-orchestration action is
 * handed back rather than recorded, as it ends the execution; unknown actions are logged and
 * ignored. Stateless.
 */
final class ActionRecorder {

    private static final Logger LOG = Logger.getLogger(ActionRecorder.class.getName());

    /**
     * The actions as recorded, in order.
     *
     * @param completion the complete-orchestration action, or null if the execution goes on
     */
    record Recorded(List<HistoryEvent> events, List<Effect> effects, CompleteOrchestrationAction completion) {
    }

    private ActionRecorder() {
    }

    static Recorded record(Instance instance, List<OrchestratorAction> actions, Instant now) {
        List<HistoryEvent> events = new ArrayList<>();
        List<Effect> effects = new ArrayList<>();
        CompleteOrchestrationAction completion = null;
        String id = instance.id();
        String executionId = instance.executionId();
        for (OrchestratorAction action : actions) {
            int actionId = action.getId();
            switch (action.getOrchestratorActionTypeCase()) {
                case SCHEDULETASK -> {
                    var task = action.getScheduleTask();
                    TaskScheduledEvent.Builder scheduled = TaskScheduledEvent.newBuilder().setName(task.getName());
                    if (task.hasInput()) {
                        scheduled.setInput(task.getInput());
                    }
                    events.add(HistoryEvents.event(now).setEventId(actionId).setTaskScheduled(scheduled).build());
                    effects.add(new Effect.RunActivity(id, executionId, new Instance.PendingActivity(actionId,
                            task.getName(), task.hasInput() ? task.getInput().getValue() : null)));
                }
                case CREATETIMER -> {
                    var fireAt = action.getCreateTimer().getFireAt();
                    events.add(HistoryEvents.event(now).setEventId(actionId)
                            .setTimerCreated(TimerCreatedEvent.newBuilder().setFireAt(fireAt)).build());
                    effects.add(new Effect.SetTimer(id, executionId, new Instance.PendingTimer(actionId, fireAt)));
                }
                case CREATESUBORCHESTRATION -> {
                    CreateSubOrchestrationAction child = action.getCreateSubOrchestration();
                    String childId = child.getInstanceId().isEmpty() ? UUID.randomUUID().toString() : child.getInstanceId();
                    SubOrchestrationInstanceCreatedEvent.Builder created = SubOrchestrationInstanceCreatedEvent.newBuilder()
                            .setInstanceId(childId).setName(child.getName());
                    if (child.hasInput()) {
                        created.setInput(child.getInput());
                    }
                    events.add(HistoryEvents.event(now).setEventId(actionId).setSubOrchestrationInstanceCreated(created).build());
                    effects.add(new Effect.StartChild(instance, executionId, new Instance.PendingChild(actionId, childId,
                            child.getName(), child.hasInput() ? child.getInput().getValue() : null)));
                }
                case SENDEVENT -> {
                    var send = action.getSendEvent();
                    EventSentEvent.Builder sent = EventSentEvent.newBuilder()
                            .setInstanceId(send.getInstance().getInstanceId()).setName(send.getName());
                    if (send.hasData()) {
                        sent.setInput(send.getData());
                    }
                    events.add(HistoryEvents.event(now).setEventId(actionId).setEventSent(sent).build());
                    effects.add(new Effect.RaiseEvent(send.getInstance().getInstanceId(), send.getName(),
                            send.hasData() ? send.getData().getValue() : null));
                }
                case COMPLETEORCHESTRATION -> completion = action.getCompleteOrchestration();
                default -> LOG.warning("orchestration '" + id + "': ignored unknown action " + action.getOrchestratorActionTypeCase());
            }
        }
        return new Recorded(events, effects, completion);
    }
}
