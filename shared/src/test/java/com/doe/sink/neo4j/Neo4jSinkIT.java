package com.doe.sink.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.chunk.Chunk;
import com.doe.clients.Neo4jDrivers;
import com.doe.pipeline.Pipeline;
import com.doe.plan.LoadStage;
import com.doe.sink.RunContext;
import com.doe.sink.SinkDetail;
import com.doe.sink.SinkFixtures;
import com.doe.sink.SinkStack;
import com.doe.sink.SinkStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/** The Neo4j sink against the stack's Neo4j; every test uses its own labels. */
class Neo4jSinkIT {

    private static Driver driver;
    private static final List<String> labels = new ArrayList<>();

    @BeforeAll
    static void connect() {
        driver = Neo4jDrivers.create(SinkStack.settings());
        driver.verifyConnectivity();
    }

    @AfterAll
    static void cleanUp() {
        try (Session s = driver.session()) {
            for (String label : labels) {
                s.run("MATCH (n:`" + label + "`) DETACH DELETE n").consume();
                s.run("SHOW CONSTRAINTS YIELD name, labelsOrTypes WHERE $l IN labelsOrTypes RETURN name",
                        Map.of("l", label)).list().forEach(r -> s.run("DROP CONSTRAINT `" + r.get("name").asString() + "`").consume());
            }
        }
        driver.close();
    }

    private static String label() {
        String l = SinkStack.unique("Airport");
        labels.add(l);
        return l;
    }

    private static String graphStep(String label, int batchSize) {
        return """
                {"id": "graph", "type": "neo4j",
                 "nodes": [{"label": "%1$s", "key": ["iata"], "properties": {"name": "airport_name", "city": "city", "fee": "fee", "opened": "opened"}}],
                 "relationships": [{"type": "ROUTE", "from": {"label": "%1$s", "key": {"iata": "origin"}},
                                    "to": {"label": "%1$s", "key": {"iata": "destination"}}, "properties": ["count"]}],
                 "batchSize": %2$d}""".formatted(label, batchSize);
    }

    private static LoadStage stage(Pipeline p) {
        return SinkFixtures.loadStage(p, spec -> new Neo4jSink(spec.stepId(), Neo4jSinkConfig.from(spec.config()), driver));
    }

    /** Nodes as "iata name city", relationships as "from-count->to", sorted. */
    private static List<String> graph(String label) {
        try (Session s = driver.session()) {
            List<String> out = new ArrayList<>(s.run("MATCH (n:`" + label + "`) RETURN n.iata + ' ' + coalesce(n.name, '-') + ' '"
                    + " + coalesce(n.city, '-') + ' ' + coalesce(n.fee, '-') AS line ORDER BY line").list(r -> r.get("line").asString()));
            out.addAll(s.run("MATCH (a:`" + label + "`)-[r:ROUTE]->(b:`" + label + "`) RETURN a.iata + '-' + r.count + '->' + b.iata AS line"
                    + " ORDER BY line").list(r -> r.get("line").asString()));
            return out;
        }
    }

    private static SinkDetail.Neo4j counters(LoadStage.Result r) {
        return (SinkDetail.Neo4j) r.sinks().get(0).detail();
    }

    @Test
    void loadsNodesWithPropertiesAndRelationshipsAndReportsCounters() {
        String label = label();
        Pipeline p = SinkFixtures.pipeline("routes", graphStep(label, 5000));
        RunContext run = SinkFixtures.run();

        LoadStage.Result r = stage(p).process(run, SinkFixtures.chunk(p, run, 0, List.of(
                SinkFixtures.route("AUS", "Austin", "DFW", 7), SinkFixtures.route("DFW", "Dallas", "AUS", 9))));

        assertThat(graph(label)).containsExactly("AUS Austin City of Austin 12.50", "DFW Dallas City of Dallas 12.50",
                "AUS-7->DFW", "DFW-9->AUS");
        assertThat(counters(r).nodesCreated()).isEqualTo(2);
        assertThat(counters(r).relationshipsCreated()).isEqualTo(2);
        assertThat(counters(r).propertiesSet()).isGreaterThanOrEqualTo(2 * 5 + 2);
        assertThat(r.sinks().get(0).rowsWritten()).isEqualTo(2);
        assertThat(r.sinks().get(0).nanos()).isPositive();
        try (Session s = driver.session()) {
            assertThat(s.run("MATCH (n:`" + label + "` {iata: 'AUS'}) RETURN n.opened AS d").single().get("d").asLocalDate())
                    .isEqualTo(java.time.LocalDate.of(1990, 1, 1));
            assertThat(s.run("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE $l IN labelsOrTypes RETURN properties, type",
                    Map.of("l", label)).single().get("type").asString()).isEqualTo("UNIQUENESS");
        }
    }

    @Test
    void chunkDeliveredTwiceCreatesNoDuplicateNodesOrRelationships() {
        String label = label();
        Pipeline p = SinkFixtures.pipeline("routes", graphStep(label, 10));
        RunContext run = SinkFixtures.run();
        List<Map<String, Object>> rows = IntStream.range(0, 35)
                .mapToObj(i -> SinkFixtures.route("A" + i, "Airport " + i, "A" + ((i + 1) % 35), i)).toList();
        Chunk chunk = SinkFixtures.chunk(p, run, 0, rows);
        LoadStage stage = stage(p);

        LoadStage.Result first = stage.process(run, chunk);
        List<String> afterFirst = graph(label);
        LoadStage.Result second = stage.process(run, chunk);

        assertThat(graph(label)).isEqualTo(afterFirst).hasSize(70);
        assertThat(counters(first).nodesCreated()).isEqualTo(35);
        assertThat(counters(first).transactions()).isEqualTo(4);
        assertThat(counters(second).nodesCreated()).isZero();
        assertThat(counters(second).relationshipsCreated()).isZero();
    }

    @Test
    void twoChunksInEitherOrderEndInTheSameGraph() {
        String one = label();
        String two = label();
        RunContext run = SinkFixtures.run();
        Pipeline p1 = SinkFixtures.pipeline("routes", graphStep(one, 3));
        Pipeline p2 = SinkFixtures.pipeline("routes", graphStep(two, 3));
        List<Map<String, Object>> a = List.of(SinkFixtures.route("AUS", "Austin", "DFW", 1),
                SinkFixtures.route("DFW", "Dallas", "HOU", 2));
        List<Map<String, Object>> b = List.of(SinkFixtures.route("HOU", "Houston", "AUS", 3),
                SinkFixtures.route("ELP", "El Paso", "DFW", 4));

        stage(p1).process(run, SinkFixtures.chunk(p1, run, 0, a));
        stage(p1).process(run, SinkFixtures.chunk(p1, run, 1, b));
        stage(p2).process(run, SinkFixtures.chunk(p2, run, 1, b));
        stage(p2).process(run, SinkFixtures.chunk(p2, run, 0, a));

        assertThat(graph(two)).isEqualTo(graph(one)).hasSize(8);
    }

    @Test
    void relationshipWhoseEndpointNodeArrivesInALaterChunkMergesIntoThatNode() {
        String label = label();
        Pipeline p = SinkFixtures.pipeline("routes", graphStep(label, 100));
        RunContext run = SinkFixtures.run();
        LoadStage stage = stage(p);

        stage.process(run, SinkFixtures.chunk(p, run, 0, List.of(SinkFixtures.route("AUS", "Austin", "SAT", 5))));
        assertThat(graph(label)).containsExactly("AUS Austin City of Austin 12.50", "SAT - - -", "AUS-5->SAT");
        LoadStage.Result later = stage.process(run, SinkFixtures.chunk(p, run, 1,
                List.of(SinkFixtures.route("SAT", "San Antonio", "AUS", 6))));

        assertThat(graph(label)).containsExactly("AUS Austin City of Austin 12.50", "SAT San Antonio City of San Antonio 12.50",
                "AUS-5->SAT", "SAT-6->AUS");
        assertThat(counters(later).nodesCreated()).isZero();
        assertThat(counters(later).relationshipsCreated()).isEqualTo(1);
    }

    @Test
    void compositeKeysMergeOnEveryKeyProperty() {
        String label = label();
        Pipeline p = SinkFixtures.pipeline("routes", """
                {"id": "graph", "type": "neo4j", "nodes": [{"label": "%s", "key": ["iata", "state"], "properties": ["city"]}]}"""
                .formatted(label));
        RunContext run = SinkFixtures.run();
        Map<String, Object> tx = SinkFixtures.route("PRT", "Paris TX", "X", 1);
        Map<String, Object> tn = new HashMap<>(SinkFixtures.route("PRT", "Paris TN", "X", 1));
        tn.put("state", "TN");
        LoadStage stage = stage(p);

        stage.process(run, SinkFixtures.chunk(p, run, 0, List.of(tx, tn)));
        stage.process(run, SinkFixtures.chunk(p, run, 0, List.of(tx, tn)));

        try (Session s = driver.session()) {
            assertThat(s.run("MATCH (n:`" + label + "`) RETURN n.iata + '/' + n.state + ' ' + n.city AS l ORDER BY l")
                    .list(r -> r.get("l").asString())).containsExactly("PRT/TN City of Paris TN", "PRT/TX City of Paris TX");
        }
    }

    @Test
    void rowWithANullKeyIsQuarantinedAndTheRestIsLoaded() {
        String label = label();
        Pipeline p = SinkFixtures.pipeline("routes", graphStep(label, 100));
        RunContext run = SinkFixtures.run();
        Map<String, Object> noDestination = new HashMap<>(SinkFixtures.route("HOU", "Houston", null, 1));

        LoadStage.Result r = stage(p).process(run, SinkFixtures.chunk(p, run, 0,
                List.of(SinkFixtures.route("AUS", "Austin", "DFW", 1), noDestination)));

        assertThat(r.stage().rejected()).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("null-key");
            assertThat(e.field()).isEqualTo("destination");
            assertThat(e.reason()).contains("key field 'destination' is null");
            assertThat(e.source().line()).isEqualTo(3L);
        });
        assertThat(graph(label)).containsExactly("AUS Austin City of Austin 12.50", "DFW - - -", "AUS-1->DFW");
        SinkStats stats = r.sinks().get(0);
        assertThat(stats.rowsWritten()).isEqualTo(1);
        assertThat(stats.rejected()).isEqualTo(1);
    }
}
