package com.doe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.format.FieldType;
import com.doe.step.StageKind;
import com.doe.step.StepCatalogue;
import com.doe.testing.Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PipelineValidator validator = new PipelineValidator(StepCatalogue.standard());

    private ObjectNode airports() throws Exception {
        return (ObjectNode) JSON.readTree(Fixtures.airports());
    }

    private List<String> pointers(Validation v) {
        return v.problems().stream().map(Problem::pointer).toList();
    }

    @Test
    void compilesTheReferenceDefinitionAndTracksTheSchemaThroughEachStep() {
        Pipeline p = Pipeline.compile(Fixtures.airports());

        assertThat(p.id()).isEqualTo("airports");
        assertThat(p.definition().steps()).extracting(StepDefinition::stage)
                .containsExactly(StageKind.TRANSFORM, StageKind.TRANSFORM, StageKind.TRANSFORM, StageKind.TRANSFORM, StageKind.LOAD);
        assertThat(p.outputOf(2).names()).contains("airport_name", "region").doesNotContain("name", "city");
        assertThat(p.outputOf(2).find("region").orElseThrow().type()).isEqualTo(FieldType.STRING);
        assertThat(p.outputSchema().names()).endsWith("state_name");
        assertThat(p.definition().settings().chunkRows()).isEqualTo(10_000);
        assertThat(p.definition().version()).hasSize(16);
    }

    @Test
    void readsYamlWithTheSameStructureAsJson() throws Exception {
        String yaml = new YAMLMapper().writeValueAsString(airports());

        Pipeline fromYaml = Pipeline.compile(yaml);

        assertThat(fromYaml.definition().version()).isEqualTo(Pipeline.compile(Fixtures.airports()).definition().version());
        assertThat(fromYaml.outputSchema()).isEqualTo(Pipeline.compile(Fixtures.airports()).outputSchema());
    }

    @Test
    void reportsEveryProblemAtOnceWithPointersAndFixes() throws Exception {
        ObjectNode d = airports();
        ArrayNode steps = (ArrayNode) d.get("steps");
        ((ObjectNode) steps.get(0)).putArray("dedupeBy").add("iata_code");
        ((ObjectNode) steps.get(1).get("rules").get(0)).put("pattern", "^[A-Z");
        ((ObjectNode) steps.get(1).get("rules").get(5)).put("field", "missing_field");
        ((ObjectNode) steps.get(2).get("set")).put("region", "row.longitude < -100 ? 'west' : 'east'");
        ((ObjectNode) steps.get(3)).put("id", "tidy");
        steps.addObject().put("id", "x").put("type", "cleen");
        ((ObjectNode) steps.get(0)).put("trimm", true);
        d.put("id", "Airports!");

        Validation v = validator.validate(d, null);

        assertThat(v.isValid()).isFalse();
        assertThat(pointers(v)).contains(
                "/id",
                "/steps/0/dedupeBy/0",
                "/steps/0/trimm",
                "/steps/1/rules/0/pattern",
                "/steps/1/rules/5/field",
                "/steps/2/set/region",
                "/steps/3/id",
                "/steps/5/type");
        assertThat(v.problems()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        Problem typo = v.problems().stream().filter(p -> p.pointer().equals("/steps/5/type")).findFirst().orElseThrow();
        assertThat(typo.fix()).contains("Did you mean 'clean'?");
        Problem cel = v.problems().stream().filter(p -> p.pointer().equals("/steps/2/set/region")).findFirst().orElseThrow();
        assertThat(cel.message()).contains("column").contains("double");
    }

    @Test
    void aFieldRenamedByAnEarlierStepIsUnknownAfterwards() throws Exception {
        ObjectNode d = airports();
        ((ArrayNode) d.get("steps")).insertObject(3).put("id", "late").put("type", "validate")
                .putArray("rules").addObject().put("field", "name").put("check", "required");

        Validation v = validator.validate(d, null);

        assertThat(pointers(v)).containsExactly("/steps/3/rules/0/field");
        assertThat(v.problems().get(0).fix()).contains("did you mean 'airport_name'?");
    }

    @Test
    void refusesUnsafeNeo4jLabelsAndIncompleteScoreSteps() throws Exception {
        ObjectNode d = airports();
        ((ObjectNode) d.get("steps").get(4).get("nodes").get(0)).put("label", "Air port`");
        ((ArrayNode) d.get("steps")).addObject().put("id", "predict").put("type", "score").putObject("output");

        Validation v = validator.validate(d, null);

        assertThat(pointers(v)).contains("/steps/4/nodes/0/label", "/steps/5", "/steps/5/output");
    }

    @Test
    void checksSettingShapesFromTheDeclarations() throws Exception {
        ObjectNode d = airports();
        ((ObjectNode) d.get("steps").get(1)).put("onFail", "explode").put("maxRejectRatio", 2);
        ((ObjectNode) d.get("settings")).put("chunkRows", "many");
        ((ObjectNode) d.get("source").get("schema").get("fields").get(0)).put("type", "text");

        Validation v = validator.validate(d, null);

        assertThat(pointers(v)).contains("/steps/1/onFail", "/steps/1/maxRejectRatio", "/settings/chunkRows",
                "/source/schema/fields/0/type");
    }

    @Test
    void throwsAllProblemsInOneExceptionMessage() {
        String bad = "{\"id\": \"x1\", \"source\": {\"format\": \"csv\", \"schema\": {\"fields\": [{\"name\": \"a\", \"type\": \"long\"}]}},"
                + " \"steps\": [{\"id\": \"m\", \"type\": \"map\", \"filter\": \"row.b > 1\"}, {\"id\": \"m\", \"type\": \"nope\"}]}";

        assertThatThrownBy(() -> Pipeline.compile(bad))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("/steps/0/filter")
                .hasMessageContaining("/steps/1/id")
                .hasMessageContaining("/steps/1/type");
    }

    @Test
    void reportsSyntaxErrorsWithTheirLine() {
        assertThatThrownBy(() -> PipelineText.parse("{\"id\": \"x\",\n \"source\": }"))
                .isInstanceOf(InvalidPipelineException.class).hasMessageContaining("line 2");
    }
}
