package com.doe.local.host.blob;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlobPathPatternTest {

    @Test
    void firstParameterIsOneSegmentAndTheLastTakesTheRest() {
        BlobPathPattern pattern = BlobPathPattern.parse("{pipelineId}/{name}");

        assertThat(pattern.prefix()).isEmpty();
        assertThat(pattern.match("p1/in/a.csv")).hasValue(Map.of("pipelineId", "p1", "name", "in/a.csv"));
        assertThat(pattern.match("loose.csv")).isEmpty();
    }

    @Test
    void literalPartsBoundTheMatchAndGiveTheListingPrefix() {
        BlobPathPattern pattern = BlobPathPattern.parse("in/{name}.csv");

        assertThat(pattern.prefix()).isEqualTo("in/");
        assertThat(pattern.match("in/orders.csv")).hasValue(Map.of("name", "orders"));
        assertThat(pattern.match("in/orders.json")).isEmpty();
    }

    @Test
    void outputPathsExpandMetadataCaseInsensitivelyAndFailOnUnknownNames() {
        assertThat(BlobPathPattern.expand("out/{Name}-copy", Map.of("name", "a.csv"))).isEqualTo("out/a.csv-copy");
        assertThat(BlobPathPattern.expand("out/{rand-guid}", Map.of())).matches("out/[0-9a-f-]{36}");
        assertThatThrownBy(() -> BlobPathPattern.expand("out/{missing}", Map.of())).hasMessageContaining("missing");
    }
}
