package com.doe.local.host.kafka;

import com.doe.local.host.discovery.FunctionApp;
import com.doe.local.host.discovery.FunctionDefinition;
import com.doe.local.host.discovery.Trigger;
import com.doe.local.host.invoke.InvocationException;
import com.doe.local.host.invoke.Invoker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer per Kafka-triggered function, with the annotation's topic and consumer group,
 * starting from the earliest offset when the group has none (as the extension does).
 *
 * <p>Delivery is at least once, per partition and in order, like the extension's per-partition
 * executors: {@code Cardinality.MANY} gets up to {@code maxBatchSize} records of one partition per
 * call; {@code ONE} gets one record per call. Offsets are committed only after the function
 * returns. When it throws, nothing of that call is committed: the consumer seeks back to the
 * call's first record and delivers it again after a second, up to {@code maxRetries} (host.json
 * {@code extensions.kafka.maxRetries}, default 5) further times; then the offsets are committed
 * anyway with an error in the log, as the extension does once retries are exhausted, so one
 * poisonous record cannot stall a partition forever.
 */
public final class KafkaTriggers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaTriggers.class.getName());

    private final List<Listener> listeners = new ArrayList<>();

    public KafkaTriggers(FunctionApp app, Invoker invoker) {
        for (FunctionDefinition function : app.withTrigger(Trigger.Kafka.class)) {
            listeners.add(new Listener(function, (Trigger.Kafka) function.trigger(), invoker,
                    app.config().kafkaMaxBatchSize(), app.config().kafkaMaxRetries()));
        }
    }

    public void start() {
        listeners.forEach(Listener::start);
    }

    public List<String> describe() {
        return listeners.stream().map(l -> l.trigger.topic() + " (group " + l.trigger.consumerGroup() + ", "
                + (l.trigger.many() ? "MANY" : "ONE") + ") -> " + l.function.name()).toList();
    }

    /** Stops polling; a running invocation finishes and is committed (up to 10 s). */
    @Override
    public void close() {
        listeners.forEach(Listener::stop);
        listeners.forEach(Listener::join);
    }

    private static final class Listener implements Runnable {

        private final FunctionDefinition function;
        private final Trigger.Kafka trigger;
        private final Invoker invoker;
        private final int batchSize;
        private final int maxRetries;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;
        private final Map<TopicPartition, long[]> failures = new HashMap<>();
        private volatile boolean stopping;

        Listener(FunctionDefinition function, Trigger.Kafka trigger, Invoker invoker, int batchSize, int maxRetries) {
            this.function = function;
            this.trigger = trigger;
            this.invoker = invoker;
            this.batchSize = batchSize;
            this.maxRetries = maxRetries;
            Map<String, Object> config = KafkaConfig.common(trigger.brokerList(), trigger.security());
            config.put("group.id", trigger.consumerGroup());
            config.put("enable.auto.commit", false);
            config.put("auto.offset.reset", "earliest");
            config.put("max.poll.records", batchSize);
            config.put("client.id", "doe-local-host-" + function.name());
            this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.thread = new Thread(this, "kafka-" + function.name());
            this.thread.setDaemon(true);
        }

        void start() {
            consumer.subscribe(List.of(trigger.topic()));
            thread.start();
        }

        /** Without wakeup(): that would make the commit after a running invocation throw. */
        void stop() {
            stopping = true;
        }

        void join() {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            try {
                while (!stopping) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                    boolean rewound = false;
                    for (TopicPartition partition : records.partitions()) {
                        if (stopping) {
                            break;
                        }
                        rewound |= !deliver(partition, records.records(partition));
                    }
                    if (rewound) {
                        pause();
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Kafka trigger of '" + function.name() + "' stopped", e);
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        /** Delivers one partition's records; false when a call failed and the partition was rewound. */
        private boolean deliver(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
            int step = trigger.many() ? batchSize : 1;
            boolean binary = "binary".equalsIgnoreCase(trigger.dataType());
            var type = function.triggerParameter().type();
            for (int from = 0; from < records.size() && !stopping; from += step) {
                List<ConsumerRecord<byte[], byte[]>> call = records.subList(from, Math.min(records.size(), from + step));
                long first = call.get(0).offset();
                long next = call.get(call.size() - 1).offset() + 1;
                try {
                    if (trigger.many()) {
                        invoker.invoke(function, KafkaEvents.batch(call, type, binary), KafkaEvents.batchMetadata(call));
                    } else {
                        invoker.invoke(function, KafkaEvents.single(call.get(0), type, binary), KafkaEvents.metadata(call.get(0)));
                    }
                } catch (InvocationException | IllegalArgumentException failed) {
                    if (retry(partition, first)) {
                        consumer.seek(partition, first);
                        return false;
                    }
                    LOG.severe("Kafka trigger of '" + function.name() + "': " + partition + " offsets " + first + ".." + (next - 1)
                            + " failed " + (maxRetries + 1) + " times; committing past them");
                }
                failures.remove(partition);
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
            }
            return true;
        }

        private boolean retry(TopicPartition partition, long offset) {
            long[] seen = failures.get(partition);
            if (seen == null || seen[0] != offset) {
                failures.put(partition, new long[] {offset, 1});
                return maxRetries > 0;
            }
            seen[1]++;
            return seen[1] <= maxRetries;
        }

        private void pause() {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }
}
