package com.doe.local.host.kafka;

import com.doe.local.host.invoke.Conversions;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka records as the Azure Functions Kafka extension hands them to a Java function. With
 * {@code dataType = "string"} each record is the extension's event serialized as JSON:
 * {@code {"Offset","Partition","Topic","Timestamp","Value","Key","Headers":[{"Key","Value"(base64)}]}}
 * (the extension's string conversion of a string-valued event). With {@code dataType = "binary"} each
 * record is its value's bytes. {@code Cardinality.MANY} delivers an array ({@code String[]},
 * {@code byte[][]}), or a {@code List} of those; a POJO type is read with Gson from the event JSON.
 * Metadata follows the extension's binding contract: {@code Key}, {@code Partition}, {@code Topic},
 * {@code Timestamp}, {@code Offset}, {@code Headers}, with an {@code Array} suffix for batches.
 */
final class KafkaEvents {

    private KafkaEvents() {
    }

    static String json(ConsumerRecord<byte[], byte[]> record) {
        JsonObject event = new JsonObject();
        event.addProperty("Offset", record.offset());
        event.addProperty("Partition", record.partition());
        event.addProperty("Topic", record.topic());
        event.addProperty("Timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        event.addProperty("Value", record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
        event.addProperty("Key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        JsonArray headers = new JsonArray();
        for (Header header : record.headers()) {
            JsonObject h = new JsonObject();
            h.addProperty("Key", header.key());
            h.addProperty("Value", header.value() == null ? null : Base64.getEncoder().encodeToString(header.value()));
            headers.add(h);
        }
        event.add("Headers", headers);
        return event.toString();
    }

    /** One record as the trigger parameter's type. */
    static Object single(ConsumerRecord<byte[], byte[]> record, Type type, boolean binary) {
        Class<?> raw = Conversions.raw(type);
        if (raw == byte[].class) {
            return record.value() == null ? new byte[0] : record.value();
        }
        if (binary && raw == String.class) {
            return record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        }
        return Conversions.fromText(json(record), type);
    }

    /** A batch as the trigger parameter's type: an array or a List of single values. */
    static Object batch(List<ConsumerRecord<byte[], byte[]>> records, Type type, boolean binary) {
        Class<?> raw = Conversions.raw(type);
        if (List.class.isAssignableFrom(raw)) {
            Type element = Conversions.typeArgument(type, 0);
            List<Object> values = new ArrayList<>();
            records.forEach(r -> values.add(single(r, element, binary)));
            return values;
        }
        if (!raw.isArray()) {
            throw new IllegalArgumentException("a Kafka trigger with cardinality MANY needs an array or List parameter, not "
                    + type.getTypeName());
        }
        Class<?> element = raw.getComponentType();
        Object array = Array.newInstance(element, records.size());
        for (int i = 0; i < records.size(); i++) {
            Array.set(array, i, single(records.get(i), element, binary));
        }
        return array;
    }

    static Map<String, Object> metadata(ConsumerRecord<byte[], byte[]> record) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("Key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        metadata.put("Partition", record.partition());
        metadata.put("Topic", record.topic());
        metadata.put("Timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        metadata.put("Offset", record.offset());
        metadata.put("Headers", headers(record));
        return metadata;
    }

    static Map<String, Object> batchMetadata(List<ConsumerRecord<byte[], byte[]>> records) {
        int n = records.size();
        String[] keys = new String[n];
        int[] partitions = new int[n];
        String[] topics = new String[n];
        String[] timestamps = new String[n];
        long[] offsets = new long[n];
        Object[] headers = new Object[n];
        for (int i = 0; i < n; i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            keys[i] = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            partitions[i] = record.partition();
            topics[i] = record.topic();
            timestamps[i] = Instant.ofEpochMilli(record.timestamp()).toString();
            offsets[i] = record.offset();
            headers[i] = headers(record);
        }
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("KeyArray", keys);
        metadata.put("PartitionArray", partitions);
        metadata.put("TopicArray", topics);
        metadata.put("TimestampArray", timestamps);
        metadata.put("OffsetArray", offsets);
        metadata.put("HeadersArray", headers);
        return metadata;
    }

    private static List<Map<String, String>> headers(ConsumerRecord<byte[], byte[]> record) {
        List<Map<String, String>> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(Map.of("Key", header.key(),
                    "Value", header.value() == null ? "" : Base64.getEncoder().encodeToString(header.value())));
        }
        return headers;
    }
}
