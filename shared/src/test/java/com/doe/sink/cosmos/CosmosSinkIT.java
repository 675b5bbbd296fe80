package com.doe.sink.cosmos;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.doe.chunk.Chunk;
import com.doe.clients.CosmosClients;
import com.doe.pipeline.Pipeline;
import com.doe.plan.LoadStage;
import com.doe.quarantine.SourceRef;
import com.doe.sink.RunContext;
import com.doe.sink.SinkDetail;
import com.doe.sink.SinkFixtures;
import com.doe.sink.SinkStack;
import com.doe.sink.SinkStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Cosmos DB sink against the stack's Cosmos-compatible server; one fresh database, a container per test. */
class CosmosSinkIT {

    private static CosmosClient sync;
    private static CosmosAsyncClient async;
    private static final String DATABASE = SinkStack.unique("doe-sink-");

    @BeforeAll
    static void connect() {
        sync = CosmosClients.builder(SinkStack.settings()).buildClient();
        async = CosmosClients.builder(SinkStack.settings()).buildAsyncClient();
    }

    @AfterAll
    static void cleanUp() {
        try {
            sync.getDatabase(DATABASE).delete();
        } finally {
            sync.close();
            async.close();
        }
    }

    private static String step(String container, String idFields, String partitionKey) {
        return "{\"id\": \"docs\", \"type\": \"cosmos\", \"database\": \"" + DATABASE + "\", \"container\": \"" + container + "\""
                + (idFields == null ? "" : ", \"idFields\": " + idFields)
                + (partitionKey == null ? "" : ", \"partitionKey\": \"" + partitionKey + "\"") + "}";
    }

    private static LoadStage stage(Pipeline p) {
        return SinkFixtures.loadStage(p, spec -> new CosmosSink(spec.stepId(), CosmosSinkConfig.from(spec.config()), async));
    }

    /** Every document of the container without the server's system properties, by id. */
    private static Map<String, JsonNode> documents(String container) {
        CosmosContainer c = sync.getDatabase(DATABASE).getContainer(container);
        Map<String, JsonNode> out = new TreeMap<>();
        c.queryItems("SELECT * FROM c", new CosmosQueryRequestOptions(), ObjectNode.class).forEach(d -> {
            d.remove(List.of("_rid", "_self", "_etag", "_attachments", "_ts", "_lsn"));
            out.put(d.get("id").asText(), d);
        });
        return out;
    }

    private static List<Map<String, Object>> rows(int n) {
        return IntStream.range(0, n).mapToObj(i -> SinkFixtures.route("A" + i, "Airport " + i, "A0", i)).toList();
    }

    @Test
    void upsertsDocumentsWithIdFromAFieldAndPartitionKeyAndReportsRequestCharge() {
        String container = SinkStack.unique("airports");
        Pipeline p = SinkFixtures.pipeline("routes", step(container, "[\"iata\"]", "state"));
        RunContext run = SinkFixtures.run();

        LoadStage.Result r = stage(p).process(run, SinkFixtures.chunk(p, run, 0, rows(30)));

        ObjectNode doc = sync.getDatabase(DATABASE).getContainer(container)
                .readItem("A7", new PartitionKey("TX"), ObjectNode.class).getItem();
        assertThat(doc.get("airport_name").asText()).isEqualTo("Airport 7");
        assertThat(doc.get("count").asLong()).isEqualTo(7);
        assertThat(doc.get("fee").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(doc.get("opened").asText()).isEqualTo("1990-01-01");
        assertThat(documents(container)).hasSize(30);
        SinkStats stats = r.sinks().get(0);
        assertThat(stats.rowsWritten()).isEqualTo(30);
        assertThat(((SinkDetail.Cosmos) stats.detail()).documents()).isEqualTo(30);
        assertThat(((SinkDetail.Cosmos) stats.detail()).requestCharge()).isPositive();
        assertThat(sync.getDatabase(DATABASE).getContainer(container).read().getProperties()
                .getPartitionKeyDefinition().getPaths()).containsExactly("/state");
    }

    @Test
    void chunkDeliveredTwiceLeavesOneDocumentPerRow() {
        String container = SinkStack.unique("airports");
        Pipeline p = SinkFixtures.pipeline("routes", step(container, "[\"iata\"]", null));
        RunContext run = SinkFixtures.run();
        Chunk chunk = SinkFixtures.chunk(p, run, 0, rows(120));
        LoadStage stage = stage(p);

        stage.process(run, chunk);
        Map<String, JsonNode> first = documents(container);
        stage.process(run, chunk);

        assertThat(documents(container)).hasSize(120).isEqualTo(first);
    }

    @Test
    void twoChunksInEitherOrderEndWithTheSameDocuments() {
        String one = SinkStack.unique("orderab");
        String two = SinkStack.unique("orderba");
        RunContext run = SinkFixtures.run();
        Pipeline p1 = SinkFixtures.pipeline("routes", step(one, "[\"iata\", \"state\"]", "state"));
        Pipeline p2 = SinkFixtures.pipeline("routes", step(two, "[\"iata\", \"state\"]", "state"));
        List<Map<String, Object>> a = rows(40).subList(0, 25);
        List<Map<String, Object>> b = rows(40).subList(15, 40);

        stage(p1).process(run, SinkFixtures.chunk(p1, run, 0, a));
        stage(p1).process(run, SinkFixtures.chunk(p1, run, 1, b));
        stage(p2).process(run, SinkFixtures.chunk(p2, run, 1, b));
        stage(p2).process(run, SinkFixtures.chunk(p2, run, 0, a));

        assertThat(documents(two)).isEqualTo(documents(one)).hasSize(40).containsKey("A3|TX");
    }

    @Test
    void withoutIdFieldsTheIdIsDeterministicFromSourceBlobAndLine() {
        String container = SinkStack.unique("noid");
        Pipeline p = SinkFixtures.pipeline("routes", step(container, null, null));
        RunContext run = SinkFixtures.run();
        Chunk chunk = SinkFixtures.chunk(p, run, 2, rows(10));

        stage(p).process(run, chunk);
        stage(p).process(run, chunk);

        assertThat(documents(container)).hasSize(10)
                .containsKey(DocumentIds.fromSource(SourceRef.line("routes.csv", 2002)));
        assertThat(DocumentIds.fromSource(SourceRef.line("routes.csv", 2002))).hasSize(32)
                .isNotEqualTo(DocumentIds.fromSource(SourceRef.line("routes.csv", 2003)))
                .isNotEqualTo(DocumentIds.fromSource(SourceRef.line("other.csv", 2002)));
    }

    @Test
    void documentOverTwoMegabytesAndAnIdCosmosRefusesAreQuarantinedAndTheRestIsWritten() {
        String container = SinkStack.unique("limits");
        Pipeline p = SinkFixtures.pipeline("routes", step(container, "[\"iata\"]", null));
        RunContext run = SinkFixtures.run();
        Map<String, Object> huge = new HashMap<>(SinkFixtures.route("BIG", "x".repeat(CosmosSink.MAX_DOCUMENT_BYTES), "A0", 1));
        Map<String, Object> slash = new HashMap<>(SinkFixtures.route("A/B", "Slash", "A0", 1));
        Map<String, Object> noId = new HashMap<>(SinkFixtures.route(null, "No id", "A0", 1));

        LoadStage.Result r = stage(p).process(run, SinkFixtures.chunk(p, run, 0,
                List.of(SinkFixtures.route("OK1", "Fine", "A0", 1), huge, slash, noId)));

        assertThat(documents(container)).containsOnlyKeys("OK1");
        assertThat(r.stage().rejected()).hasSize(3);
        assertThat(r.stage().rejected().get(0).rule()).isEqualTo("too-large");
        assertThat(r.stage().rejected().get(0).reason()).contains("Cosmos DB allows at most 2097152 bytes");
        assertThat(r.stage().rejected().get(0).source().line()).isEqualTo(3L);
        assertThat(r.stage().rejected().get(1).rule()).isEqualTo("invalid-id");
        assertThat(r.stage().rejected().get(1).reason()).contains("contains '/'");
        assertThat(r.stage().rejected().get(2).rule()).isEqualTo("null-id");
        assertThat(r.sinks().get(0).rowsWritten()).isEqualTo(1);
        assertThat(r.stage().stats().isBalanced()).isTrue();
    }

    @Test
    void rowsSharingAnIdInOneChunkLeaveTheLastOne() {
        String container = SinkStack.unique("dupes");
        Pipeline p = SinkFixtures.pipeline("routes", step(container, "[\"iata\"]", null));
        RunContext run = SinkFixtures.run();

        LoadStage.Result r = stage(p).process(run, SinkFixtures.chunk(p, run, 0, List.of(
                SinkFixtures.route("AUS", "First", "A0", 1), SinkFixtures.route("AUS", "Second", "A0", 2))));

        assertThat(documents(container)).hasSize(1);
        assertThat(documents(container).get("AUS").get("airport_name").asText()).isEqualTo("Second");
        assertThat(((SinkDetail.Cosmos) r.sinks().get(0).detail()).documents()).isEqualTo(1);
    }
}
