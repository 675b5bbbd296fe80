package com.doe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.chunk.Chunk;
import com.doe.pipeline.Pipeline;
import com.doe.sink.cosmos.DocumentIds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class SinkRowsTest {

    private final Pipeline pipeline = SinkFixtures.pipeline("routes",
            "{\"id\": \"files\", \"type\": \"blob\", \"container\": \"curated\"}");

    private GenericRecord record(String iata, String state) {
        Map<String, Object> m = new HashMap<>(SinkFixtures.route(iata, "X", "Y", 1));
        m.put("state", state);
        Chunk c = SinkFixtures.chunk(pipeline, SinkFixtures.run(), 0, List.of(m));
        return c.rows().get(0).record();
    }

    private String key(String iata, String state) {
        GenericRecord r = record(iata, state);
        return SinkRows.keyText(r, SinkRows.positions(r.getSchema(), List.of("iata", "state")));
    }

    @Test
    void singleFieldKeyIsTheValueItself() {
        GenericRecord r = record("A|B", "TX");
        assertThat(SinkRows.keyText(r, SinkRows.positions(r.getSchema(), List.of("iata")))).isEqualTo("A|B");
        assertThat(SinkRows.keyText(r, SinkRows.positions(r.getSchema(), List.of("fee")))).isEqualTo("12.50");
    }

    @Test
    void compositeKeysJoinValuesSoDistinctTuplesNeverCollide() {
        assertThat(key("AUS", "TX")).isEqualTo("AUS|TX");
        assertThat(key("a|b", "c")).isEqualTo("a%7Cb|c").isNotEqualTo(key("a", "b|c"));
        assertThat(key("50%", "x")).isEqualTo("50%25|x");
        assertThat(key("AUS", null)).isNull();
    }

    @Test
    void documentIdProblemsNameTheRuleBroken() {
        assertThat(DocumentIds.problem("AUS|TX")).isNull();
        assertThat(DocumentIds.problem("")).contains("empty");
        assertThat(DocumentIds.problem("x".repeat(256))).contains("at most 255");
        assertThat(DocumentIds.problem("a#b")).contains("'#'");
    }
}
