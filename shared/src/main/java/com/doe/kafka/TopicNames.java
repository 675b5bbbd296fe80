package com.doe.kafka;

import com.doe.step.StageKind;

import com.doe.event.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * DOE's Kafka topics (event hubs in Azure): one per {@link EventType}, except that stage tasks have
 * one topic per stage kind (each kind is served by its own function, which reads only its tasks),
 * plus the dead-letter topic. In Azure they are provisioned by {@code infra/}; locally
 * {@link LocalTopics} creates them.
 */
public final class TopicNames {

    /** Records no consumer could decode or handle, with headers saying where they came from and why. */
    public static final String DEAD_LETTER = "doe.dead-letter";
    /** Tasks of {@code transform} stages. Constants, so that trigger annotations can name them. */
    public static final String TRANSFORM_TASKS = "doe.stage-task.transform";
    /** Tasks of {@code ml} stages. */
    public static final String ML_TASKS = "doe.stage-task.ml";
    /** Tasks of {@code load} stages. */
    public static final String LOAD_TASKS = "doe.stage-task.load";

    private TopicNames() {
    }

    /** The topic of tasks of stages of {@code kind}. */
    public static String stageTasks(StageKind kind) {
        return switch (kind) {
            case TRANSFORM -> TRANSFORM_TASKS;
            case ML -> ML_TASKS;
            case LOAD -> LOAD_TASKS;
        };
    }

    /** The topic of tasks of stages of kind {@code kindText} ({@code transform}, {@code ml}, {@code load}). */
    public static String stageTasks(String kindText) {
        for (StageKind kind : StageKind.values()) {
            if (kind.text().equals(kindText)) {
                return stageTasks(kind);
            }
        }
        throw new IllegalArgumentException("Stage kind '" + kindText + "' has no task topic; kinds are transform, "
                + "ml and load.");
    }

    /** Every topic DOE uses. */
    public static List<String> all() {
        List<String> topics = new ArrayList<>();
        for (EventType<?> type : EventType.all()) {
            if (type != EventType.STAGE_TASK) {
                topics.add(type.topic());
            }
        }
        for (StageKind kind : StageKind.values()) {
            topics.add(stageTasks(kind));
        }
        topics.add(DEAD_LETTER);
        return List.copyOf(topics);
    }
}
