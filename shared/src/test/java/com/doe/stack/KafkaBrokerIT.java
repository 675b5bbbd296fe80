package com.doe.stack;

import com.doe.kafka.KafkaClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka broker (the local stand-in for the Event Hubs Kafka endpoint) through kafka-clients,
 * configured as DOE configures them for Event Hubs (gzip, idempotent producer, manual commits).
 */
class KafkaBrokerIT {

    private static final int RECORDS = 500;

    private final KafkaClientConfigs configs = KafkaClientConfigs.fromSettings(StackSettings.require());

    @Test
    void recordsProducedToANewTopicAreConsumedOnceByAGroup() throws Exception {
        String topic = StackSettings.unique("it-topic-");
        String group = StackSettings.unique("it-group-");
        try (Admin admin = Admin.create(configs.admin("it-admin"))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains(topic);

            produce(topic);
            Set<String> consumed = consume(topic, group);

            assertThat(consumed).hasSize(RECORDS).contains("value-0", "value-" + (RECORDS - 1));
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(RECORDS);
        }
    }

    private void produce(String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                configs.producer("it-producer"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    private Set<String> consume(String topic, String group) {
        Set<String> values = new TreeSet<>();
        int received = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                configs.consumer(group, "it-consumer"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (received < RECORDS && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                    received++;
                }
                consumer.commitSync();
            }
        }
        assertThat(received).as("records received (duplicates would exceed %d)", RECORDS).isEqualTo(RECORDS);
        return values;
    }
}
