package com.doe.sink;

import com.doe.DoeException;
import com.doe.clients.ServiceClients;
import com.doe.schema.SchemaRegistry;
import com.doe.sink.kafka.KafkaSink;
import com.doe.sink.kafka.KafkaSinkConfig;
import java.time.Clock;
import com.doe.sink.blob.BlobSink;
import com.doe.sink.blob.BlobSinkConfig;
import com.doe.sink.cosmos.CosmosSink;
import com.doe.sink.cosmos.CosmosSinkConfig;
import com.doe.sink.neo4j.Neo4jSink;
import com.doe.sink.neo4j.Neo4jSinkConfig;

/**
 * Builds the real sinks of a worker process from its shared SDK clients (one driver, one Cosmos
 * client, one Blob client, one Kafka producer per process). Thread-safe.
 */
public final class Sinks implements SinkFactory {

    /** The container of the run's chunks, where the Kafka sink keeps its per-chunk markers. */
    public static final String WORK_CONTAINER = "work";

    private final ServiceClients clients;
    private final SchemaRegistry registry;

    /** @param registry where the Kafka sink registers dataset schemas ({@code dataset.<pipelineId>}) */
    public Sinks(ServiceClients clients, SchemaRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    @Override
    public Sink create(SinkSpec spec) {
        return switch (spec.config().type()) {
            case "neo4j" -> new Neo4jSink(spec.stepId(), Neo4jSinkConfig.from(spec.config()), clients.neo4j());
            case "cosmos" -> new CosmosSink(spec.stepId(), CosmosSinkConfig.from(spec.config()), clients.cosmosAsync());
            case "blob" -> new BlobSink(spec.stepId(), BlobSinkConfig.from(spec.config()), clients.blob());
            case "kafka" -> new KafkaSink(spec.pipelineId(), spec.stepId(), KafkaSinkConfig.from(spec.config()),
                    clients.kafkaProducer(), clients.kafka(), registry,
                    clients.blob().getBlobContainerClient(WORK_CONTAINER), KafkaSink.DEFAULT_QUIET_PERIOD, Clock.systemUTC());
            default -> throw new DoeException("Step '" + spec.stepId() + "' of pipeline '" + spec.pipelineId()
                    + "' has type '" + spec.config().type() + "', which has no sink.");
        };
    }
}
