package com.doe.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;

/** Reads definition text, JSON or YAML (same structure), into a JSON tree. Thread-safe. */
public final class PipelineText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PipelineText() {
    }

    /**
     * Parses JSON (text starting with '{') or YAML.
     *
     * @throws InvalidPipelineException with the line and column of a syntax error
     */
    public static JsonNode parse(String text) {
        boolean json = text.stripLeading().startsWith("{");
        try {
            JsonNode node = (json ? JSON : YAML).readTree(text);
            if (node == null || !node.isObject()) {
                throw new InvalidPipelineException(null, List.of(new Problem("", "The definition is not an object.",
                        "Write the definition as a JSON object or a YAML mapping with id, source and steps.")));
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InvalidPipelineException(null, List.of(new Problem("", "The definition is not valid "
                    + (json ? "JSON" : "YAML") + where + ": " + e.getOriginalMessage(), "Fix the syntax at that position.")));
        }
    }

    /** The canonical JSON text of a tree (for fingerprints and storage). */
    public static String canonical(JsonNode node) {
        try {
            return JSON.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(JSON.treeToValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
