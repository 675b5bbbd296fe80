package com.doe.kafka;

import com.doe.event.RecordPosition;

import java.util.Objects;

/**
 * A batch of Kafka record values as a Kafka trigger with {@code cardinality = MANY} and
 * {@code dataType = "binary"} delivers it: the values ({@code byte[][]}) and, per record, its
 * partition and offset (the trigger's {@code PartitionArray} and {@code OffsetArray} metadata).
 *
 * @param topic      the trigger's topic
 * @param values     the record values, in delivery order
 * @param partitions per record its partition; null when the binding gave none
 * @param offsets    per record its offset; null when the binding gave none
 */
public record KafkaBatch(String topic, byte[][] values, int[] partitions, long[] offsets) {

    public KafkaBatch {
        Objects.requireNonNull(topic, "topic");
        values = values == null ? new byte[0][] : values;
    }

    public int size() {
        return values.length;
    }

    /** Where record {@code i} was read from; partition and offset are -1 when unknown. */
    public RecordPosition position(int i) {
        int partition = partitions != null && i < partitions.length ? partitions[i] : -1;
        long offset = offsets != null && i < offsets.length ? offsets[i] : -1;
        return new RecordPosition(topic, partition, offset);
    }
}
