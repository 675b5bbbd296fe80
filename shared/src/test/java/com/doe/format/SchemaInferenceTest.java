package com.doe.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

    @Test
    void infersTypesAndSnakeCaseNamesFromJsonLines() {
        String jsonl = "{\"userId\": 1, \"score\": 1, \"ok\": true, \"at\": \"2024-05-01T10:00:00Z\", \"note\": null}\n"
                + "{\"userId\": 2, \"score\": 2.5, \"ok\": false, \"at\": \"2024-05-02T10:00:00Z\", \"note\": \"hi\"}\n";

        DatasetSchema s = SchemaInference.infer(SourceFormat.JSONL, SourceOptions.DEFAULTS,
                SourceFile.of("x.jsonl", jsonl.getBytes(StandardCharsets.UTF_8)), 100);

        assertThat(s.names()).containsExactly("user_id", "score", "ok", "at", "note");
        assertThat(s.fields()).extracting(Field::type).containsExactly(FieldType.LONG, FieldType.DOUBLE, FieldType.BOOLEAN,
                FieldType.TIMESTAMP, FieldType.STRING);
        assertThat(s.field(0).from()).isEqualTo("userId");
        assertThat(s.field(1).from()).isNull();
    }

    @Test
    void makesNamesValidAndUnique() {
        assertThat(SchemaInference.snakeCase("Fee Total $")).isEqualTo("fee_total");
        assertThat(SchemaInference.snakeCase("2nd place")).isEqualTo("_2nd_place");
        DatasetSchema s = SchemaInference.infer(SourceFormat.CSV, SourceOptions.DEFAULTS,
                SourceFile.of("x.csv", "a b,A-B,c\n1,x,\n".getBytes(StandardCharsets.UTF_8)), 10);
        assertThat(s.names()).containsExactly("a_b", "a_b_2", "c");
        assertThat(s.field(2).type()).isEqualTo(FieldType.STRING);
    }
}
