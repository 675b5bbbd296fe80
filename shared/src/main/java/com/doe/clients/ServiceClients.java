package com.doe.clients;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClient;
import com.azure.storage.blob.BlobServiceClient;
import com.doe.kafka.KafkaClientConfigs;
import com.doe.settings.AppSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.neo4j.driver.Driver;

import java.util.ArrayList;
import java.util.List;

/**
 * The SDK clients of one worker process, each built on first use from application settings and
 * shared by every invocation afterwards (SDK clients are thread-safe and expensive to build).
 * Closing closes whatever was built.
 *
 * <p>Thread-safe.
 */
public final class ServiceClients implements AutoCloseable {

    private final Lazy<BlobServiceClient> blob;
    private final Lazy<CosmosClient> cosmos;
    private final Lazy<CosmosAsyncClient> cosmosAsync;
    private final Lazy<Driver> neo4j;
    private final Lazy<KafkaClientConfigs> kafka;
    private final Lazy<Producer<byte[], byte[]>> kafkaProducer;
    private final List<AutoCloseable> built = new ArrayList<>();

    public ServiceClients(AppSettings settings) {
        this.blob = new Lazy<>(() -> BlobClients.create(settings));
        this.cosmos = new Lazy<>(() -> track(CosmosClients.builder(settings).buildClient()));
        this.cosmosAsync = new Lazy<>(() -> track(CosmosClients.builder(settings).buildAsyncClient()));
        this.neo4j = new Lazy<>(() -> track(Neo4jDrivers.create(settings)));
        this.kafka = new Lazy<>(() -> KafkaClientConfigs.fromSettings(settings));
        this.kafkaProducer = new Lazy<>(() -> track(new KafkaProducer<byte[], byte[]>(kafka.get().producer("doe-worker"))));
    }

    public BlobServiceClient blob() {
        return blob.get();
    }

    public CosmosClient cosmos() {
        return cosmos.get();
    }

    public CosmosAsyncClient cosmosAsync() {
        return cosmosAsync.get();
    }

    public Driver neo4j() {
        return neo4j.get();
    }

    /** Kafka client settings valid for Event Hubs and the local broker. */
    public KafkaClientConfigs kafka() {
        return kafka.get();
    }

    /** The process's idempotent Kafka producer (byte-array keys and values). */
    public Producer<byte[], byte[]> kafkaProducer() {
        return kafkaProducer.get();
    }

    private synchronized <T extends AutoCloseable> T track(T client) {
        built.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (AutoCloseable client : built) {
            try {
                client.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Closing an SDK client failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        built.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
