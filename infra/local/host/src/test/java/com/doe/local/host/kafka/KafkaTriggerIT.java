package com.doe.local.host.kafka;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.doe.local.host.HostOptions;
import com.doe.local.host.LocalHost;
import com.doe.local.host.discovery.Settings;
import com.doe.local.host.support.Eventually;
import com.doe.local.host.support.TestApp;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A Kafka trigger with cardinality MANY: batches, the extension's event JSON, commits after return, redelivery. */
class KafkaTriggerIT {

    private Settings settings;
    private String topic;
    private Admin admin;
    private LocalHost host;

    @BeforeEach
    void createTopic() throws Exception {
        settings = TestApp.settings(Map.of());
        topic = settings.find("TestTopic").orElseThrow();
        admin = Admin.create(Map.of("bootstrap.servers", settings.find("KafkaBootstrapServers").orElseThrow()));
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        admin.close();
    }

    @Test
    void recordsArriveInBatchesAndAreCommittedAfterTheFunctionReturns() throws Exception {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            values.add(i == 5 ? "fail-once-5" : "v" + i);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", settings.find("KafkaBootstrapServers").orElseThrow()),
                new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "key-" + value, value)).get();
            }
        }

        host = LocalHost.start(new HostOptions(TestApp.folder(), "127.0.0.1", 0, 0, Duration.ofSeconds(1),
                TestApp.unique("host")), settings);

        Eventually.await(Duration.ofSeconds(30), "the group to commit offset 11", this::committed, offset -> offset == 11);
        List<JsonObject> batches = batches();
        List<String> delivered = new ArrayList<>();
        batches.forEach(b -> delivered.addAll(Arrays.asList(b.get("values").getAsString().split(","))));
        assertThat(delivered).containsExactlyElementsOf(values);
        assertThat(batches).allSatisfy(b -> assertThat(b.get("size").getAsInt()).isBetween(1, 4));
        assertThat(batches).anySatisfy(b -> assertThat(b.get("size").getAsInt()).isGreaterThan(1));
        // The batch holding fail-once-5 threw on its first delivery, was not committed, and came again.
        assertThat(delivered).contains("fail-once-5");
    }

    private long committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(settings.find("TestGroup").orElseThrow())
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            return -1;
        }
    }

    private List<JsonObject> batches() {
        BlobContainerClient out = new BlobServiceClientBuilder().connectionString(settings.find("DoeStorage").orElseThrow())
                .buildClient().getBlobContainerClient(settings.find("TestBlobContainer").orElseThrow() + "-out");
        return out.listBlobs().stream()
                .map(item -> JsonParser.parseString(out.getBlobClient(item.getName()).downloadContent().toString()).getAsJsonObject())
                .sorted(Comparator.comparingLong(b -> b.get("firstOffset").getAsLong()))
                .toList();
    }
}
