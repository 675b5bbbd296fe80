package com.doe.sink.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.DoeException;
import com.doe.pipeline.PipelineText;
import com.doe.pipeline.PipelineValidator;
import com.doe.pipeline.Problem;
import com.doe.pipeline.Validation;
import com.doe.sink.SinkFixtures;
import com.doe.step.StepCatalogue;
import com.doe.step.sink.SinkConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class CypherTest {

    private static final String GRAPH = """
            {"id": "graph", "type": "neo4j",
             "nodes": [{"label": "Airport", "key": ["iata", "state"], "properties": {"name": "airport_name", "city": "city"}}],
             "relationships": [{"type": "ROUTE", "from": {"label": "Airport", "key": {"iata": "origin"}},
                                "to": {"label": "Airport", "key": {"iata": "destination"}}, "properties": ["count"]}],
             "batchSize": 250}""";

    private static Neo4jSinkConfig config(String step) {
        return Neo4jSinkConfig.from((SinkConfig) SinkFixtures.pipeline("routes", step).step(0).config());
    }

    @Test
    void readsCompositeKeysPropertyMapsListsAndBatchSize() {
        Neo4jSinkConfig c = config(GRAPH);

        assertThat(c.batchSize()).isEqualTo(250);
        assertThat(c.nodes().get(0).key()).containsExactly(java.util.Map.entry("iata", "iata"), java.util.Map.entry("state", "state"));
        assertThat(c.nodes().get(0).properties()).containsEntry("name", "airport_name");
        assertThat(c.relationships().get(0).properties()).containsEntry("count", "count");
        assertThat(c.relationships().get(0).from().key()).containsEntry("iata", "origin");
    }

    @Test
    void statementsQuoteIdentifiersAndTakeEveryValueAsAParameter() {
        Neo4jSinkConfig c = config(GRAPH);

        assertThat(Cypher.mergeNodes(c.nodes().get(0))).isEqualTo(
                "UNWIND $rows AS row MERGE (n:`Airport` {`iata`: row.k[0], `state`: row.k[1]}) SET n += row.p");
        assertThat(Cypher.mergeRelationships(c.relationships().get(0))).isEqualTo(
                "UNWIND $rows AS row MERGE (a:`Airport` {`iata`: row.a[0]}) MERGE (b:`Airport` {`iata`: row.b[0]})"
                        + " MERGE (a)-[r:`ROUTE`]->(b) SET r += row.p");
        assertThat(Cypher.constraint("Airport", List.of("iata", "state"))).isEqualTo(
                "CREATE CONSTRAINT `doe_Airport_iata_state` IF NOT EXISTS FOR (n:`Airport`) REQUIRE (n.`iata`, n.`state`) IS UNIQUE");
        assertThat(Cypher.nodeKeys(c)).containsExactly(java.util.Map.entry("Airport", List.of("iata", "state")),
                java.util.Map.entry("Airport", List.of("iata")));
    }

    @Test
    void labelWithASpaceOrABacktickIsRefusedByValidation() {
        String step = GRAPH.replace("\"label\": \"Airport\", \"key\": [", "\"label\": \"Air port\", \"key\": [")
                .replace("\"type\": \"ROUTE\"", "\"type\": \"ROUTE`) DETACH DELETE a //\"");
        Validation v = new PipelineValidator(StepCatalogue.standard()).validate(PipelineText.parse(
                "{\"id\": \"routes\", " + SinkFixtures.SOURCE + ", \"steps\": [" + step + "]}"), null);

        assertThat(v.problems()).extracting(Problem::pointer)
                .contains("/steps/0/nodes/0/label", "/steps/0/relationships/0/type");
        assertThat(v.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("'Air port' is not a valid identifier"));
        assertThat(v.isValid()).isFalse();
    }

    @Test
    void quotingRefusesAnythingButAnIdentifierEvenIfValidationWasBypassed() {
        assertThatThrownBy(() -> Cypher.quote("A`B")).isInstanceOf(DoeException.class);
        assertThatThrownBy(() -> Cypher.quote("Air port")).isInstanceOf(DoeException.class);
        assertThat(Cypher.quote("Air_port2")).isEqualTo("`Air_port2`");
    }
}
