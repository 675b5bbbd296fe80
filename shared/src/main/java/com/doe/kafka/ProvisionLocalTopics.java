package com.doe.kafka;

import com.doe.settings.AppSettings;
import org.apache.kafka.clients.admin.Admin;

import java.util.Set;

/**
 * Creates DOE's topics ({@link TopicNames#all()}) on the local broker, so that the Kafka-triggered
 * functions find them when they subscribe. Run before the local Functions host starts
 * ({@code infra/local/doe up} does). Does nothing against Event Hubs, where {@code infra/} provisions
 * them. Reads {@code KafkaBootstrapServers} and {@code KafkaSecurityProtocol} from the environment.
 */
public final class ProvisionLocalTopics {

    /** Partitions of each local topic: enough for the stage functions to run chunks in parallel. */
    public static final int PARTITIONS = 4;

    private ProvisionLocalTopics() {
    }

    /** @return the topics created (empty when all existed, or against Event Hubs) */
    public static Set<String> ensure(KafkaClientConfigs configs) {
        if (!configs.isLocal()) {
            return Set.of();
        }
        try (Admin admin = Admin.create(configs.admin("doe-provision-topics"))) {
            return new LocalTopics(admin, configs).ensure(TopicNames.all(), PARTITIONS);
        }
    }

    public static void main(String[] args) {
        KafkaClientConfigs configs = KafkaClientConfigs.fromSettings(AppSettings.fromEnvironment());
        Set<String> created = ensure(configs);
        System.out.println(created.isEmpty() ? "DOE topics exist on " + configs.bootstrapServers()
                : "Created DOE topics " + created + " on " + configs.bootstrapServers());
    }
}
