package com.doe.local.host.kafka;

import com.doe.local.host.discovery.Output;
import com.doe.local.host.invoke.Conversions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Writes {@code @KafkaOutput} values: one record per value (an array or collection is many records),
 * strings as UTF-8, bytes as they are, other values as JSON; waits for the broker's acknowledgement
 * so an invocation succeeds only once its output is written. One idempotent producer per broker
 * list, shared. Thread-safe.
 */
public final class KafkaOutputs implements AutoCloseable {

    private final Map<String, KafkaProducer<byte[], byte[]>> producers = new ConcurrentHashMap<>();

    public void write(Output.Kafka output, Object value) {
        KafkaProducer<byte[], byte[]> producer = producers.computeIfAbsent(output.brokerList() + "|" + output.security(), k -> {
            Map<String, Object> config = KafkaConfig.common(output.brokerList(), output.security());
            config.put("acks", "all");
            config.put("enable.idempotence", true);
            return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        });
        List<Future<?>> sends = new ArrayList<>();
        for (Object item : items(value)) {
            sends.add(producer.send(new ProducerRecord<>(output.topic(), Conversions.toBytes(item))));
        }
        try {
            for (Future<?> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka output to '" + output.topic() + "' failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing Kafka output to '" + output.topic() + "'", e);
        }
    }

    private static List<Object> items(Object value) {
        List<Object> items = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            items.addAll(collection);
        } else if (value.getClass().isArray() && !(value instanceof byte[])) {
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
        } else {
            items.add(value);
        }
        return items;
    }

    @Override
    public void close() {
        producers.values().forEach(KafkaProducer::close);
    }
}
