package com.doe.kafka;

import com.doe.DoeException;
import com.doe.RetryableException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics on the local broker. Does nothing against Event Hubs: there, topics are
 * event hubs provisioned by {@code infra/}, and the Kafka endpoint does not create them.
 *
 * <p>Thread-safe; idempotent.
 */
public final class LocalTopics {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final KafkaClientConfigs configs;

    public LocalTopics(Admin admin, KafkaClientConfigs configs) {
        this.admin = admin;
        this.configs = configs;
    }

    /**
     * Creates those of {@code topics} that do not exist, with {@code partitions} partitions and
     * one replica.
     *
     * @return the topics created; empty when all existed or when not local
     * @throws RetryableException when the broker does not answer in time
     */
    public Set<String> ensure(Collection<String> topics, int partitions) {
        if (!configs.isLocal()) {
            LOG.debug("Not creating topics {}: Event Hubs topics are provisioned by infra/", topics);
            return Set.of();
        }
        try {
            Set<String> missing = new TreeSet<>(topics);
            missing.removeAll(admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            if (missing.isEmpty()) {
                return Set.of();
            }
            List<NewTopic> requests = missing.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList();
            Set<String> created = new TreeSet<>();
            for (var result : admin.createTopics(requests).values().entrySet()) {
                try {
                    result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return created;
        } catch (ExecutionException e) {
            throw new DoeException("Creating topics " + topics + " on " + configs.bootstrapServers() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new RetryableException("The Kafka broker at " + configs.bootstrapServers() + " did not answer within "
                    + TIMEOUT_SECONDS + " s; is it running (infra/local/doe up)?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("Interrupted while creating topics " + topics, e);
        }
    }
}
