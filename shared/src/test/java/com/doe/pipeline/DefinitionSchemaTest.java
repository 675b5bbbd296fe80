package com.doe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.step.StepCatalogue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed JSON Schema must match the step catalogue's declarations. To regenerate after changing
 * a declaration: {@code mvn -q -o -pl shared test -Dtest=DefinitionSchemaTest -Ddoe.schema.update=true}.
 */
class DefinitionSchemaTest {

    private static final Path COMMITTED = Path.of("src/main/resources/schema/pipeline.schema.json");

    @Test
    void committedSchemaIsUpToDateWithTheStepCatalogue() throws IOException {
        String generated = DefinitionSchema.text(StepCatalogue.standard());
        if (Boolean.getBoolean("doe.schema.update")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }

        String committed;
        try (InputStream in = DefinitionSchema.class.getResourceAsStream(DefinitionSchema.RESOURCE)) {
            committed = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (Boolean.getBoolean("doe.schema.update")) {
            committed = Files.readString(COMMITTED);
        }

        assertThat(committed)
                .as("pipeline.schema.json is stale; regenerate with "
                        + "mvn -q -o -pl shared test -Dtest=DefinitionSchemaTest -Ddoe.schema.update=true")
                .isEqualTo(generated);
    }

    @Test
    void describesEveryStepTypeWithItsSettings() {
        JsonNode schema = DefinitionSchema.generate(StepCatalogue.standard());

        assertThat(schema.at("/properties/steps/items/oneOf")).hasSize(StepCatalogue.standard().names().size());
        assertThat(schema.at("/$defs/step-validate/properties/rules/items/properties/check/enum").toString())
                .contains("regex", "unique", "expression");
        assertThat(schema.at("/$defs/step-neo4j/properties/batchSize/default").asInt()).isEqualTo(5000);
        assertThat(schema.at("/$defs/step-clean/additionalProperties").asBoolean()).isFalse();
        assertThat(schema.at("/required").toString()).contains("id", "source", "steps");
        assertThat(new ObjectMapper().valueToTree(schema).at("/properties/id/pattern").asText())
                .isEqualTo(DefinitionSettings.ID_PATTERN);
    }
}
