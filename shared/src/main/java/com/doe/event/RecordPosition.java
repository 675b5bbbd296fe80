package com.doe.event;

/**
 * Where a Kafka record was read from; named in every error about it.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset in the partition
 */
public record RecordPosition(String topic, int partition, long offset) {

    @Override
    public String toString() {
        return "topic " + topic + " partition " + partition + " offset " + offset;
    }
}
