package com.doe.bench;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosBulkExecutionOptions;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import com.doe.chunk.Chunk;
import com.doe.chunk.SourcedRecord;
import com.doe.clients.CosmosClients;
import com.doe.clients.Neo4jDrivers;
import com.doe.pipeline.Pipeline;
import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;
import com.doe.sink.RunContext;
import com.doe.sink.SinkFixtures;
import com.doe.sink.SinkResult;
import com.doe.sink.cosmos.CosmosSink;
import com.doe.sink.cosmos.CosmosSinkConfig;
import com.doe.sink.internal.JsonRows;
import com.doe.sink.neo4j.Cypher;
import com.doe.sink.neo4j.Neo4jSink;
import com.doe.sink.neo4j.Neo4jSinkConfig;
import com.doe.step.sink.SinkConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import reactor.core.publisher.Flux;

/**
 * Sink throughput against the running local stack, each next to a baseline measured in the same run:
 * <ul>
 *   <li>{@code neo4j}: 100,000 new nodes, then 100,000 new relationships between them, through the Neo4j sink
 *       (chunks of 10,000 rows, as ingest writes them) and through the driver directly with the same
 *       {@code UNWIND $rows ... MERGE} Cypher, batch size and uniqueness constraint (parameters prepared
 *       before timing, so the baseline pays nothing for building them), for several batch sizes;</li>
 *   <li>{@code cosmos}: 20,000 documents through the Cosmos sink and as direct SDK bulk upserts of the same
 *       documents (prepared before timing), in chunks of 5,000.</li>
 * </ul>
 * Each pair runs several times in alternating order on fresh labels/containers; the best run of each side
 * counts (shared machines are noisy; the best run is the one least disturbed).
 * Not a test: run on purpose against a running stack (see the README's Performance section):
 *
 * <pre>
 * infra/local/doe up -d
 * eval "$(infra/local/doe env)"
 * mvn -q -o -pl shared test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp shared/target/test-classes:shared/target/classes:$(cat shared/target/bench.cp) com.doe.bench.SinkBenchmark [neo4j|cosmos|all]
 * </pre>
 */
public final class SinkBenchmark {

    private static final int ROWS = 100_000;
    private static final int CHUNK_ROWS = 10_000;
    private static final int[] BATCH_SIZES = {1_000, 5_000, 10_000};
    private static final int NEO4J_ROUNDS = 3;
    private static final int DOCUMENTS = 20_000;
    private static final int DOCUMENT_CHUNK = 5_000;

    private SinkBenchmark() {
    }

    public static void main(String[] args) {
        String which = args.length == 0 ? "all" : args[0];
        AppSettings settings = AppSettings.fromEnvironment();
        settings.require(SettingNames.NEO4J_URI);
        if (which.equals("neo4j") || which.equals("all")) {
            try (Driver driver = Neo4jDrivers.create(settings)) {
                neo4j(driver);
            }
        }
        if (which.equals("cosmos") || which.equals("all")) {
            try (CosmosAsyncClient client = CosmosClients.builder(settings).buildAsyncClient()) {
                cosmos(client);
            }
        }
    }

    // --- Neo4j -----------------------------------------------------------------------------------

    private static void neo4j(Driver driver) {
        RunContext run = SinkFixtures.run();
        System.out.printf("Neo4j sink vs driver with the same UNWIND+MERGE, %,d rows, chunks of %,d%n", ROWS, CHUNK_ROWS);
        System.out.printf("%-8s %-14s %14s %14s %8s%n", "batch", "what", "sink rows/s", "driver rows/s", "ratio");
        warmUp(driver, run);
        for (int batch : BATCH_SIZES) {
            double[] best = new double[4];
            for (int round = 0; round < NEO4J_ROUNDS; round++) {
                boolean sinkFirst = round % 2 == 1;
                double[] r = neo4jRound(driver, run, batch, sinkFirst);
                for (int i = 0; i < 4; i++) {
                    best[i] = Math.max(best[i], r[i]);
                }
            }
            System.out.printf("%-8d %-14s %,14.0f %,14.0f %7.0f%%%n", batch, "nodes", best[0], best[1], 100 * best[0] / best[1]);
            System.out.printf("%-8d %-14s %,14.0f %,14.0f %7.0f%%%n", batch, "relationships", best[2], best[3], 100 * best[2] / best[3]);
        }
    }

    private static void warmUp(Driver driver, RunContext run) {
        String label = "BenchWarm" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Pipeline p = SinkFixtures.pipeline("bench", nodeStep(label, 1000));
        List<Chunk> chunks = chunks(p, run, 5_000, i -> i);
        sinkRun(driver, p, run, chunks);
        cleanUp(driver, label);
    }

    /** nodes sink, nodes driver, relationships sink, relationships driver (rows/s). */
    private static double[] neo4jRound(Driver driver, RunContext run, int batch, boolean sinkFirst) {
        String sinkLabel = "BenchSink" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String baseLabel = "BenchBase" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Pipeline sinkNodes = SinkFixtures.pipeline("bench", nodeStep(sinkLabel, batch));
        Pipeline baseNodes = SinkFixtures.pipeline("bench", nodeStep(baseLabel, batch));
        Pipeline sinkRels = SinkFixtures.pipeline("bench", relStep(sinkLabel, batch));
        Pipeline baseRels = SinkFixtures.pipeline("bench", relStep(baseLabel, batch));
        List<Chunk> nodeChunks = chunks(sinkNodes, run, ROWS, i -> i);
        List<Chunk> relChunks = chunks(sinkRels, run, ROWS, i -> (i * 7 + 1) % ROWS);
        double[] out = new double[4];
        if (sinkFirst) {
            out[0] = sinkRun(driver, sinkNodes, run, nodeChunks);
            out[1] = driverRun(driver, baseNodes, nodeChunks, batch);
        } else {
            out[1] = driverRun(driver, baseNodes, nodeChunks, batch);
            out[0] = sinkRun(driver, sinkNodes, run, nodeChunks);
        }
        if (sinkFirst) {
            out[2] = sinkRun(driver, sinkRels, run, relChunks);
            out[3] = driverRun(driver, baseRels, relChunks, batch);
        } else {
            out[3] = driverRun(driver, baseRels, relChunks, batch);
            out[2] = sinkRun(driver, sinkRels, run, relChunks);
        }
        cleanUp(driver, sinkLabel);
        cleanUp(driver, baseLabel);
        return out;
    }

    private static String nodeStep(String label, int batch) {
        return """
                {"id": "graph", "type": "neo4j", "batchSize": %d,
                 "nodes": [{"label": "%s", "key": ["iata"], "properties": {"name": "airport_name", "city": "city", "state": "state"}}]}"""
                .formatted(batch, label);
    }

    private static String relStep(String label, int batch) {
        return """
                {"id": "graph", "type": "neo4j", "batchSize": %d,
                 "relationships": [{"type": "ROUTE", "from": {"label": "%2$s", "key": {"iata": "origin"}},
                                    "to": {"label": "%2$s", "key": {"iata": "destination"}}, "properties": ["count"]}]}"""
                .formatted(batch, label);
    }

    /** Rows i = 0..n-1: airport "A{i}" with a route to "A{to(i)}", in chunks of CHUNK_ROWS. */
    private static List<Chunk> chunks(Pipeline p, RunContext run, int n, java.util.function.IntUnaryOperator to) {
        List<Chunk> out = new ArrayList<>();
        for (int c = 0; c * CHUNK_ROWS < n; c++) {
            int from = c * CHUNK_ROWS;
            List<Map<String, Object>> rows = IntStream.range(from, Math.min(n, from + CHUNK_ROWS))
                    .mapToObj(i -> SinkFixtures.route("A" + i, "Airport " + i, "A" + to.applyAsInt(i), i)).toList();
            out.add(SinkFixtures.chunk(p, run, c, rows));
        }
        return out;
    }

    private static double sinkRun(Driver driver, Pipeline p, RunContext run, List<Chunk> chunks) {
        Neo4jSink sink = new Neo4jSink("graph", Neo4jSinkConfig.from((SinkConfig) p.step(0).config()), driver);
        return rate(chunks, () -> {
            long rows = 0;
            for (Chunk c : chunks) {
                SinkResult r = sink.write(run, c);
                rows += r.stats().rowsWritten();
            }
            return rows;
        });
    }

    /** The same statements, constraints and batches, with parameters built before the clock starts. */
    private static double driverRun(Driver driver, Pipeline p, List<Chunk> chunks, int batch) {
        Neo4jSinkConfig config = Neo4jSinkConfig.from((SinkConfig) p.step(0).config());
        try (Session s = driver.session()) {
            for (Map.Entry<String, List<String>> key : Cypher.nodeKeys(config)) {
                s.executeWrite(tx -> tx.run(Cypher.constraint(key.getKey(), key.getValue())).consume());
            }
        }
        String cypher = config.nodes().isEmpty() ? Cypher.mergeRelationships(config.relationships().get(0))
                : Cypher.mergeNodes(config.nodes().get(0));
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (Chunk c : chunks) {
            for (int from = 0; from < c.size(); from += batch) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SourcedRecord r : c.rows().subList(from, Math.min(c.size(), from + batch))) {
                    rows.add(config.nodes().isEmpty() ? relParams(r.record()) : nodeParams(r.record()));
                }
                batches.add(rows);
            }
        }
        return rate(chunks, () -> {
            long rows = 0;
            try (Session s = driver.session()) {
                for (List<Map<String, Object>> b : batches) {
                    s.executeWrite(tx -> tx.run(cypher, Map.of("rows", b)).consume());
                    rows += b.size();
                }
            }
            return rows;
        });
    }

    private static Map<String, Object> nodeParams(GenericRecord r) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", r.get("airport_name").toString());
        p.put("city", r.get("city").toString());
        p.put("state", r.get("state").toString());
        return Map.of("k", List.of(r.get("iata").toString()), "p", p);
    }

    private static Map<String, Object> relParams(GenericRecord r) {
        return Map.of("a", List.of(r.get("origin").toString()), "b", List.of(r.get("destination").toString()),
                "p", Map.of("count", r.get("count")));
    }

    private static void cleanUp(Driver driver, String label) {
        try (Session s = driver.session()) {
            s.run("MATCH (n:`" + label + "`) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume();
            s.run("SHOW CONSTRAINTS YIELD name, labelsOrTypes WHERE $l IN labelsOrTypes RETURN name", Map.of("l", label))
                    .list().forEach(r -> s.run("DROP CONSTRAINT `" + r.get("name").asString() + "`").consume());
        }
    }

    // --- Cosmos DB -------------------------------------------------------------------------------

    private static void cosmos(CosmosAsyncClient client) {
        String database = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        RunContext run = SinkFixtures.run();
        System.out.printf("Cosmos DB sink vs direct SDK bulk upserts, %,d documents, chunks of %,d%n", DOCUMENTS, DOCUMENT_CHUNK);
        System.out.printf("%-8s %14s %14s %8s %12s%n", "round", "sink docs/s", "bulk docs/s", "ratio", "sink RU");
        try {
            client.createDatabaseIfNotExists(database).block();
            double bestSink = 0;
            double bestBase = 0;
            for (int round = 0; round < 3; round++) {
                String sinkContainer = "sink" + round;
                String baseContainer = "base" + round;
                Pipeline p = SinkFixtures.pipeline("bench", "{\"id\": \"docs\", \"type\": \"cosmos\", \"database\": \""
                        + database + "\", \"container\": \"" + sinkContainer + "\", \"idFields\": [\"iata\"], \"partitionKey\": \"state\"}");
                List<Chunk> chunks = new ArrayList<>();
                for (int c = 0; c * DOCUMENT_CHUNK < DOCUMENTS; c++) {
                    int from = c * DOCUMENT_CHUNK;
                    chunks.add(SinkFixtures.chunk(p, run, c, IntStream.range(from, from + DOCUMENT_CHUNK)
                            .mapToObj(i -> SinkFixtures.route("A" + i, "Airport " + i, "A0", i)).toList()));
                }
                CosmosSink sink = new CosmosSink("docs", CosmosSinkConfig.from((SinkConfig) p.step(0).config()), client);
                client.getDatabase(database).createContainerIfNotExists(baseContainer, "/state").block();
                CosmosAsyncContainer base = client.getDatabase(database).getContainer(baseContainer);
                List<List<CosmosItemOperation>> ops = new ArrayList<>();
                for (Chunk c : chunks) {
                    List<CosmosItemOperation> list = new ArrayList<>();
                    for (SourcedRecord r : c.rows()) {
                        ObjectNode doc = JsonRows.object(r.record());
                        doc.put("id", r.record().get("iata").toString());
                        list.add(CosmosBulkOperations.getUpsertItemOperation(doc, new PartitionKey(r.record().get("state").toString())));
                    }
                    ops.add(list);
                }
                double[] charge = new double[1];
                LongSupplier sinkWork = () -> {
                    long n = 0;
                    for (Chunk c : chunks) {
                        SinkResult r = sink.write(run, c);
                        n += r.stats().rowsWritten();
                        charge[0] += ((com.doe.sink.SinkDetail.Cosmos) r.stats().detail()).requestCharge();
                    }
                    return n;
                };
                LongSupplier baseWork = () -> {
                    long n = 0;
                    for (List<CosmosItemOperation> list : ops) {
                        List<CosmosBulkOperationResponse<Object>> rs = base.executeBulkOperations(Flux.fromIterable(list),
                                new CosmosBulkExecutionOptions()).collectList().block(Duration.ofMinutes(5));
                        n += rs.stream().filter(x -> x.getResponse() != null && x.getResponse().isSuccessStatusCode()).count();
                    }
                    return n;
                };
                double s;
                double b;
                if (round % 2 == 0) {
                    b = rate(chunks, baseWork);
                    s = rate(chunks, sinkWork);
                } else {
                    s = rate(chunks, sinkWork);
                    b = rate(chunks, baseWork);
                }
                System.out.printf("%-8d %,14.0f %,14.0f %7.0f%% %,12.0f%n", round + 1, s, b, 100 * s / b, charge[0]);
                if (round > 0) {
                    bestSink = Math.max(bestSink, s);
                    bestBase = Math.max(bestBase, b);
                }
            }
            System.out.printf("%-8s %,14.0f %,14.0f %7.0f%%   (best of rounds 2-3; round 1 warms up)%n", "best",
                    bestSink, bestBase, 100 * bestSink / bestBase);
        } finally {
            client.getDatabase(database).delete().block();
        }
    }

    private static double rate(List<Chunk> chunks, LongSupplier work) {
        long start = System.nanoTime();
        long rows = work.getAsLong();
        long nanos = System.nanoTime() - start;
        long expected = chunks.stream().mapToLong(Chunk::size).sum();
        if (rows != expected) {
            throw new IllegalStateException("wrote " + rows + " rows, expected " + expected);
        }
        return rows * 1e9 / nanos;
    }
}
