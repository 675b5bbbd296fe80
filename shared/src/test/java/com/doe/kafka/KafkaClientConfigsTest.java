package com.doe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.DoeException;
import com.doe.settings.AppSettings;
import com.doe.settings.MissingSettingException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientConfigsTest {

    private static final String CONNECTION_STRING =
            "Endpoint=sb://doe.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc=";

    private static KafkaClientConfigs eventHubs() {
        return KafkaClientConfigs.fromSettings(AppSettings.of(Map.of(
                "KafkaBootstrapServers", "doe.servicebus.windows.net:9093",
                "KafkaSecurityProtocol", "SASL_SSL",
                "KafkaSaslPassword", CONNECTION_STRING)));
    }

    @Test
    void eventHubsProducerUsesSaslPlainWithTheConnectionString() {
        Map<String, Object> producer = eventHubs().producer("doe-orchestrator");

        assertThat(producer).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"$ConnectionString\" password=\"" + CONNECTION_STRING + "\";")
                .containsEntry("compression.type", "gzip").containsEntry("max.request.size", 1_000_000)
                .containsEntry("enable.idempotence", true).containsEntry("acks", "all")
                .containsEntry("connections.max.idle.ms", 180_000).containsEntry("metadata.max.age.ms", 180_000)
                .doesNotContainKey("transactional.id");
        KafkaClientConfigs.requireEventHubsCompatible(producer);
        assertThat(eventHubs().isLocal()).isFalse();
        assertThat(eventHubs().toString()).doesNotContain("SharedAccessKey");
    }

    @Test
    void localBrokerIsPlaintextByDefault() {
        KafkaClientConfigs local = KafkaClientConfigs.fromSettings(
                AppSettings.of(Map.of("KafkaBootstrapServers", "127.0.0.1:9092")));

        assertThat(local.isLocal()).isTrue();
        assertThat(local.consumer("stage-workers", "w1")).containsEntry("security.protocol", "PLAINTEXT")
                .containsEntry("enable.auto.commit", false).containsEntry("group.id", "stage-workers")
                .containsEntry("metadata.max.age.ms", 180_000).doesNotContainKey("sasl.jaas.config");
        KafkaClientConfigs.requireEventHubsCompatible(local.producer("p"));
    }

    @Test
    void saslWithoutPasswordNamesTheMissingSetting() {
        assertThatThrownBy(() -> KafkaClientConfigs.fromSettings(AppSettings.of(Map.of(
                "KafkaBootstrapServers", "doe.servicebus.windows.net:9093", "KafkaSecurityProtocol", "sasl_ssl"))))
                .isInstanceOf(MissingSettingException.class).hasMessageContaining("'KafkaSaslPassword'");
    }

    @Test
    void unknownSecurityProtocolIsRefused() {
        assertThatThrownBy(() -> KafkaClientConfigs.fromSettings(AppSettings.of(Map.of(
                "KafkaBootstrapServers", "h:9093", "KafkaSecurityProtocol", "SSL"))))
                .isInstanceOf(DoeException.class)
                .hasMessage("Application setting 'KafkaSecurityProtocol' is 'SSL': use PLAINTEXT for the local broker "
                        + "or SASL_SSL for Azure Event Hubs.");
    }

    @Test
    void onlyGzipOrNoCompression() {
        assertThat(eventHubs().withCompression("NONE").producer("p")).containsEntry("compression.type", "none");
        assertThatThrownBy(() -> eventHubs().withCompression("lz4")).isInstanceOf(DoeException.class)
                .hasMessageContaining("use gzip or none");
    }

    @Test
    void producerOverridesBeyondEventHubsLimitsAreListed() {
        Map<String, Object> producer = new HashMap<>(eventHubs().producer("p"));
        producer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        producer.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
        producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx");

        assertThatThrownBy(() -> KafkaClientConfigs.requireEventHubsCompatible(producer))
                .hasMessageContaining("compression.type=zstd").hasMessageContaining("max.request.size=2000000")
                .hasMessageContaining("transactional.id");
    }
}
