package com.doe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.doe.settings.AppSettings;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class LocalTopicsTest {

    @Test
    void neverTalksToEventHubsAboutTopics() {
        Admin admin = mock(Admin.class);
        KafkaClientConfigs eventHubs = KafkaClientConfigs.fromSettings(AppSettings.of(Map.of(
                "KafkaBootstrapServers", "doe.servicebus.windows.net:9093", "KafkaSecurityProtocol", "SASL_SSL",
                "KafkaSaslPassword", "Endpoint=sb://doe.servicebus.windows.net/;SharedAccessKey=x")));

        assertThat(new LocalTopics(admin, eventHubs).ensure(TopicNames.all(), 4)).isEmpty();
        verifyNoInteractions(admin);
    }
}
