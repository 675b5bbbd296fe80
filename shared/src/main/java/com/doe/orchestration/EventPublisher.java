package com.doe.orchestration;

import java.util.List;

/**
 * Publishes events and returns once the broker has acknowledged all of them (Kafka:
 * {@link KafkaEventPublisher}). Delivery is at least once; consumers drop duplicates by event id.
 *
 * @param <T> the event class
 */
@FunctionalInterface
public interface EventPublisher<T> {

    /** @throws com.doe.RetryableException when the broker is unavailable; nothing is known to be sent */
    void publish(List<T> events);
}
