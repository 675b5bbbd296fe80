package com.doe.sink.neo4j;

import com.doe.pipeline.SettingValues;
import com.doe.step.sink.SinkConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed settings of a {@code neo4j} step (declared in {@link com.doe.step.sink.Neo4jStepType}).
 *
 * @param nodes         nodes merged per row
 * @param relationships relationships merged per row
 * @param batchSize     rows per write transaction
 */
public record Neo4jSinkConfig(List<NodeSpec> nodes, List<RelationshipSpec> relationships, int batchSize) {

    public Neo4jSinkConfig {
        nodes = List.copyOf(nodes);
        relationships = List.copyOf(relationships);
    }

    /**
     * A node: its label, key properties (each read from the record field of the same name) and other
     * properties.
     *
     * @param label      node label
     * @param key        key property -> record field, in definition order (composite keys allowed)
     * @param properties property -> record field
     */
    public record NodeSpec(String label, Map<String, String> key, Map<String, String> properties) {
    }

    /**
     * An endpoint of a relationship, found (or created with its key only) by MERGE.
     *
     * @param label node label
     * @param key   node key property -> record field
     */
    public record Endpoint(String label, Map<String, String> key) {
    }

    /**
     * A relationship: at most one of its type between two nodes; its properties are updated.
     *
     * @param type       relationship type
     * @param from       start node
     * @param to         end node
     * @param properties property -> record field
     */
    public record RelationshipSpec(String type, Endpoint from, Endpoint to, Map<String, String> properties) {
    }

    public static Neo4jSinkConfig from(SinkConfig config) {
        SettingValues s = config.settings();
        List<NodeSpec> nodes = new ArrayList<>();
        for (SettingValues n : s.objects("nodes")) {
            Map<String, String> key = new LinkedHashMap<>();
            n.strings("key").forEach(f -> key.put(f, f));
            nodes.add(new NodeSpec(n.string("label"), key, properties(n)));
        }
        List<RelationshipSpec> rels = new ArrayList<>();
        for (SettingValues r : s.objects("relationships")) {
            rels.add(new RelationshipSpec(r.string("type"), endpoint(r.object("from")), endpoint(r.object("to")),
                    properties(r)));
        }
        return new Neo4jSinkConfig(nodes, rels, (int) s.integer("batchSize", 5000));
    }

    private static Endpoint endpoint(SettingValues e) {
        return new Endpoint(e.string("label"), e.stringMap("key"));
    }

    /** A list of fields (property = field name) or a {@code {"property": "field"}} map. */
    private static Map<String, String> properties(SettingValues s) {
        JsonNode v = s.node("properties");
        if (v != null && v.isObject()) {
            return s.stringMap("properties");
        }
        Map<String, String> m = new LinkedHashMap<>();
        s.strings("properties").forEach(f -> m.put(f, f));
        return m;
    }
}
