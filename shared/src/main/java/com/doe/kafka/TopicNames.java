package com.doe.kafka;

import com.doe.event.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * DOE's Kafka topics (event hubs in Azure): one per {@link EventType}, plus the dead-letter
 * topic. In Azure they are provisioned by {@code infra/}; locally {@link LocalTopics} creates them.
 */
public final class TopicNames {

    /** Records no consumer could decode or handle, with headers saying where they came from and why. */
    public static final String DEAD_LETTER = "doe.dead-letter";

    private TopicNames() {
    }

    /** Every topic DOE uses. */
    public static List<String> all() {
        List<String> topics = new ArrayList<>();
        for (EventType<?> type : EventType.all()) {
            topics.add(type.topic());
        }
        topics.add(DEAD_LETTER);
        return List.copyOf(topics);
    }
}
