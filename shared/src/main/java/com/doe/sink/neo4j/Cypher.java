package com.doe.sink.neo4j;

import com.doe.DoeException;
import com.doe.sink.neo4j.Neo4jSinkConfig.Endpoint;
import com.doe.sink.neo4j.Neo4jSinkConfig.NodeSpec;
import com.doe.sink.neo4j.Neo4jSinkConfig.RelationshipSpec;
import com.doe.step.sink.Neo4jStepType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Cypher of the Neo4j sink. Only labels, relationship types and property names from the step's
 * configuration appear in statement text, each checked against the identifier rule again here and
 * backtick-quoted; every value is a parameter ({@code $rows}). Never built from data. Stateless.
 *
 * <p>Row parameters: a node statement reads {@code row.k} (key values, in key order) and {@code row.p}
 * (property map); a relationship statement reads {@code row.a}, {@code row.b} (endpoint key values) and
 * {@code row.p}.
 */
public final class Cypher {

    private Cypher() {
    }

    /** {@code `name`} after checking {@code name} is an identifier. */
    public static String quote(String name) {
        if (!Neo4jStepType.isIdentifier(name)) {
            throw new DoeException("'" + name + "' is not a valid Neo4j identifier; the neo4j step's validation "
                    + "should have refused it. Use letters, digits and underscores only.");
        }
        return "`" + name + "`";
    }

    /** {@code UNWIND $rows AS row MERGE (n:`L` {`k`: row.k[0]}) SET n += row.p}. */
    public static String mergeNodes(NodeSpec node) {
        String text = "UNWIND $rows AS row MERGE (n:" + quote(node.label()) + " " + keyPattern(node.key(), "row.k") + ")";
        return node.properties().isEmpty() ? text : text + " SET n += row.p";
    }

    /**
     * {@code UNWIND $rows AS row MERGE (a:`A` {...}) MERGE (b:`B` {...}) MERGE (a)-[r:`T`]->(b) SET r += row.p}:
     * endpoints that do not exist yet are created with their key; one relationship of the type per pair.
     */
    public static String mergeRelationships(RelationshipSpec rel) {
        String text = "UNWIND $rows AS row"
                + " MERGE (a:" + quote(rel.from().label()) + " " + keyPattern(rel.from().key(), "row.a") + ")"
                + " MERGE (b:" + quote(rel.to().label()) + " " + keyPattern(rel.to().key(), "row.b") + ")"
                + " MERGE (a)-[r:" + quote(rel.type()) + "]->(b)";
        return rel.properties().isEmpty() ? text : text + " SET r += row.p";
    }

    /** The uniqueness constraint on a node key, created idempotently. */
    public static String constraint(String label, List<String> keyProperties) {
        StringBuilder props = new StringBuilder();
        for (String p : keyProperties) {
            props.append(props.length() == 0 ? "" : ", ").append("n.").append(quote(p));
        }
        String name = constraintName(label, keyProperties);
        return "CREATE CONSTRAINT " + quote(name) + " IF NOT EXISTS FOR (n:" + quote(label) + ") REQUIRE ("
                + props + ") IS UNIQUE";
    }

    /** {@code doe_<label>_<key1>_<key2>}, itself an identifier. */
    static String constraintName(String label, List<String> keyProperties) {
        return "doe_" + label + "_" + String.join("_", keyProperties);
    }

    /** Every (label, key properties) pair the config merges on: nodes and relationship endpoints. */
    public static List<Map.Entry<String, List<String>>> nodeKeys(Neo4jSinkConfig config) {
        List<Map.Entry<String, List<String>>> out = new ArrayList<>();
        for (NodeSpec n : config.nodes()) {
            add(out, n.label(), List.copyOf(n.key().keySet()));
        }
        for (RelationshipSpec r : config.relationships()) {
            for (Endpoint e : List.of(r.from(), r.to())) {
                add(out, e.label(), List.copyOf(e.key().keySet()));
            }
        }
        return out;
    }

    private static void add(List<Map.Entry<String, List<String>>> out, String label, List<String> key) {
        Map.Entry<String, List<String>> e = Map.entry(label, key);
        if (!out.contains(e)) {
            out.add(e);
        }
    }

    private static String keyPattern(Map<String, String> key, String list) {
        StringBuilder b = new StringBuilder("{");
        int i = 0;
        for (String property : key.keySet()) {
            b.append(i == 0 ? "" : ", ").append(quote(property)).append(": ").append(list).append('[').append(i).append(']');
            i++;
        }
        return b.append('}').toString();
    }
}
