package com.doe.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {

    private static final DatasetSchema SCHEMA = DatasetSchema.of(
            new Field("id", FieldType.LONG, true, null, null), Field.of("name", FieldType.STRING),
            Field.of("day", FieldType.DATE), Field.of("at", FieldType.TIMESTAMP), Field.of("amount", new FieldType.Decimal(10, 2)));

    private Chunk sample() {
        Map<String, Object> a = new HashMap<>(Map.of("id", 1L, "name", "one", "day", LocalDate.of(2024, 1, 2),
                "at", Instant.parse("2024-01-02T03:04:05.123456Z"), "amount", new BigDecimal("9.99")));
        Map<String, Object> b = new HashMap<>(Map.of("id", 2L));
        return Fixtures.chunk("run-7", 3, SCHEMA, List.of(a, b));
    }

    @Test
    void writingTheSameChunkTwiceGivesIdenticalBytes() {
        for (ChunkCodec.Compression c : ChunkCodec.Compression.values()) {
            ChunkCodec codec = new ChunkCodec(c);

            assertThat(codec.encode(sample())).as(c.name()).isEqualTo(codec.encode(sample()));
        }
    }

    @Test
    void roundTripsRecordsTypesAndSourceLocations() {
        byte[] bytes = new ChunkCodec(ChunkCodec.Compression.ZSTD).encode(sample());

        Chunk back = ChunkCodec.decode(sample().id(), new ByteArrayInputStream(bytes));

        assertThat(back.schema()).isEqualTo(new DatasetSchema(SCHEMA.fields().stream()
                .map(f -> new Field(f.name(), f.type(), f.required(), null, null)).toList()));
        assertThat(back.sourceBlob()).isEqualTo("in.csv");
        assertThat(back.rows().get(0).record().get("at")).isEqualTo(Instant.parse("2024-01-02T03:04:05.123456Z"));
        assertThat(back.rows().get(0).record().get("amount")).isEqualTo(new BigDecimal("9.99"));
        assertThat(back.rows().get(0).record().get("day")).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(back.rows().get(1).record().get("name")).isNull();
        assertThat(back.rows().get(1).source().line()).isEqualTo(3003L);
    }

    @Test
    void inMemoryStoreListsChunksByStage() {
        InMemoryChunkStore store = new InMemoryChunkStore();
        store.write(sample());

        assertThat(store.list("run-7", "ingest")).containsExactly(3);
        assertThat(store.read(new ChunkId("run-7", "ingest", 3)).size()).isEqualTo(2);
        assertThat(sample().id().path()).isEqualTo("run-7/ingest/00003.avro");
    }
}
