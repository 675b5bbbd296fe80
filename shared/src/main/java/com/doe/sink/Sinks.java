package com.doe.sink;

import com.doe.DoeException;
import com.doe.clients.ServiceClients;
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

    private final ServiceClients clients;

    public Sinks(ServiceClients clients) {
        this.clients = clients;
    }

    @Override
    public Sink create(SinkSpec spec) {
        return switch (spec.config().type()) {
            case "neo4j" -> new Neo4jSink(spec.stepId(), Neo4jSinkConfig.from(spec.config()), clients.neo4j());
            case "cosmos" -> new CosmosSink(spec.stepId(), CosmosSinkConfig.from(spec.config()), clients.cosmosAsync());
            case "blob" -> new BlobSink(spec.stepId(), BlobSinkConfig.from(spec.config()), clients.blob());
            default -> throw new DoeException("Step '" + spec.stepId() + "' of pipeline '" + spec.pipelineId()
                    + "' has type '" + spec.config().type() + "', which has no sink.");
        };
    }
}
