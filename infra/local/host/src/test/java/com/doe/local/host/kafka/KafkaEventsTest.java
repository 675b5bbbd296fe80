package com.doe.local.host.kafka;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaEventsTest {

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("runId", "r1".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("tasks", 2, offset, 1_700_000_000_000L, TimestampType.CREATE_TIME, 1, value.length(),
                "k".getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    @Test
    void stringDataIsTheExtensionsEventJson() {
        JsonObject event = JsonParser.parseString((String) KafkaEvents.single(record(7, "hello"), String.class, false))
                .getAsJsonObject();

        assertThat(event.get("Offset").getAsLong()).isEqualTo(7);
        assertThat(event.get("Partition").getAsInt()).isEqualTo(2);
        assertThat(event.get("Topic").getAsString()).isEqualTo("tasks");
        assertThat(event.get("Timestamp").getAsString()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(event.get("Value").getAsString()).isEqualTo("hello");
        assertThat(event.get("Key").getAsString()).isEqualTo("k");
        assertThat(event.getAsJsonArray("Headers").get(0).getAsJsonObject().get("Value").getAsString()).isEqualTo("cjE=");
    }

    @Test
    void binaryDataIsTheValueAndBatchesAreArraysOrLists() {
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(record(1, "a"), record(2, "b"));

        byte[][] bytes = (byte[][]) KafkaEvents.batch(batch, byte[][].class, true);
        String[] strings = (String[]) KafkaEvents.batch(batch, String[].class, false);

        assertThat(new String(bytes[1], StandardCharsets.UTF_8)).isEqualTo("b");
        assertThat(strings).hasSize(2);
        assertThat(strings[0]).contains("\"Value\":\"a\"");
        assertThat((long[]) KafkaEvents.batchMetadata(batch).get("OffsetArray")).containsExactly(1, 2);
    }
}
