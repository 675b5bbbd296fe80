package com.doe.stack;

import com.doe.clients.Neo4jDrivers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Neo4j through the official Java driver and DOE's driver factory. */
class Neo4jServerIT {

    private static Driver driver;
    private static String label;

    @BeforeAll
    static void connect() {
        driver = Neo4jDrivers.create(StackSettings.require());
        driver.verifyConnectivity();
        label = StackSettings.unique("Airport");
        try (Session session = driver.session()) {
            session.run("CREATE CONSTRAINT " + label + "_iata IF NOT EXISTS FOR (n:`" + label + "`) REQUIRE n.iata IS UNIQUE")
                    .consume();
        }
    }

    @AfterAll
    static void cleanUp() {
        if (driver != null) {
            try (Session session = driver.session()) {
                session.run("MATCH (n:`" + label + "`) DETACH DELETE n").consume();
                session.run("DROP CONSTRAINT " + label + "_iata IF EXISTS").consume();
            }
            driver.close();
        }
    }

    @Test
    void mergeWithUnwindIsIdempotentAndMatchable() {
        List<Map<String, Object>> rows = IntStream.range(0, 1000)
                .mapToObj(i -> Map.<String, Object>of("iata", "A" + i, "name", "Airport " + i))
                .toList();
        String merge = "UNWIND $rows AS row MERGE (a:`" + label + "` {iata: row.iata}) SET a.name = row.name";

        try (Session session = driver.session()) {
            session.executeWrite(tx -> tx.run(merge, Map.of("rows", rows)).consume());
            session.executeWrite(tx -> tx.run(merge, Map.of("rows", rows)).consume());

            long count = session.executeRead(tx -> tx.run("MATCH (a:`" + label + "`) RETURN count(a) AS n")
                    .single().get("n").asLong());
            Record austin = session.executeRead(tx -> tx.run(
                    "MATCH (a:`" + label + "` {iata: $iata}) RETURN a.name AS name", Map.of("iata", "A42")).single());

            assertThat(count).isEqualTo(1000);
            assertThat(austin.get("name").asString()).isEqualTo("Airport 42");
        }
    }

    @Test
    void uniquenessConstraintRefusesADuplicateKey() {
        try (Session session = driver.session()) {
            session.run("CREATE (:`" + label + "` {iata: 'DUP'})").consume();

            assertThatThrownBy(() -> session.run("CREATE (:`" + label + "` {iata: 'DUP'})").consume())
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining("already exists");
        }
    }
}
