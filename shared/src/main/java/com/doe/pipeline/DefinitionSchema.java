package com.doe.pipeline;

import com.doe.step.StepCatalogue;
import com.doe.step.StepType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Generates the JSON Schema (draft 2020-12) of pipeline definitions from the setting declarations of
 * the definition and of every step type in a catalogue. The committed copy is
 * {@code shared/src/main/resources/schema/pipeline.schema.json}; a unit test fails when it is stale.
 * The schema checks shapes only; semantic checks (fields, expressions) need {@link PipelineValidator}.
 */
public final class DefinitionSchema {

    /** Where the committed schema lives on the classpath. */
    public static final String RESOURCE = "/schema/pipeline.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DefinitionSchema() {
    }

    public static ObjectNode generate(StepCatalogue catalogue) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "urn:doe:pipeline-definition");
        root.put("title", "DOE pipeline definition");
        objectInto(root, DefinitionSettings.ROOT);
        ((ObjectNode) root.get("properties").get("id")).put("pattern", DefinitionSettings.ID_PATTERN);
        ObjectNode steps = (ObjectNode) root.get("properties").get("steps");
        steps.put("minItems", 1);
        ArrayNode oneOf = steps.putObject("items").putArray("oneOf");
        ObjectNode defs = root.putObject("$defs");
        for (StepType t : catalogue.types()) {
            oneOf.addObject().put("$ref", "#/$defs/step-" + t.name());
            ObjectNode def = defs.putObject("step-" + t.name());
            def.put("title", t.name() + " (" + t.stage().text() + " stage)");
            def.put("description", t.doc());
            List<Setting> all = new java.util.ArrayList<>(DefinitionSettings.STEP_COMMON);
            all.addAll(t.settings());
            objectInto(def, all);
            ((ObjectNode) def.get("properties").get("id")).put("pattern", DefinitionSettings.STEP_ID_PATTERN);
            ((ObjectNode) def.get("properties").get("type")).put("const", t.name());
        }
        return root;
    }

    /** The schema as committed: pretty-printed JSON with a trailing newline. */
    public static String text(StepCatalogue catalogue) {
        try {
            return MAPPER.writeValueAsString(generate(catalogue)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void objectInto(ObjectNode o, List<Setting> settings) {
        o.put("type", "object");
        ObjectNode props = o.putObject("properties");
        ArrayNode required = MAPPER.createArrayNode();
        for (Setting s : settings) {
            props.set(s.name(), value(s));
            if (s.required()) {
                required.add(s.name());
            }
        }
        if (!required.isEmpty()) {
            o.set("required", required);
        }
        o.put("additionalProperties", false);
    }

    private static JsonNode value(Setting s) {
        ObjectNode v;
        if (s.kind() == SettingKind.OBJECT) {
            v = MAPPER.createObjectNode();
            if (s.children().isEmpty()) {
                v.put("type", "object");
            } else {
                objectInto(v, s.children());
            }
        } else if (s.kind() == SettingKind.OBJECT_LIST) {
            v = MAPPER.createObjectNode().put("type", "array");
            ObjectNode items = v.putObject("items");
            if (s.children().isEmpty()) {
                items.put("type", "object");
            } else {
                objectInto(items, s.children());
            }
        } else {
            v = s.kind().schema(s);
        }
        if (s.doc() != null && !s.doc().isEmpty()) {
            v.put("description", s.doc());
        }
        if (s.defaultValue() != null) {
            v.set("default", s.defaultValue());
        }
        if (s.min() != null) {
            v.put("minimum", s.min());
        }
        if (s.max() != null) {
            v.put("maximum", s.max());
        }
        return v;
    }
}
