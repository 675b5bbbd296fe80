package com.doe.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.quarantine.BlobQuarantineSink;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.RuleFailure;
import com.doe.quarantine.SourceRef;
import com.doe.testing.Azurite;
import com.doe.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlobChunkStoreIT {

    private final BlobContainerClient work = Azurite.freshContainer("work");
    private final DatasetSchema schema = DatasetSchema.of(Field.of("id", FieldType.LONG));

    @Test
    void writesChunksAtTheirPathIdempotently() {
        BlobChunkStore store = new BlobChunkStore(work, new ChunkCodec(ChunkCodec.Compression.DEFLATE));
        Chunk chunk = Fixtures.chunk("run-1", 2, schema, List.of(Map.of("id", 1L), Map.of("id", 2L)));

        store.write(chunk);
        byte[] first = work.getBlobClient("run-1/ingest/00002.avro").downloadContent().toBytes();
        store.write(chunk);
        byte[] second = work.getBlobClient("run-1/ingest/00002.avro").downloadContent().toBytes();

        assertThat(second).isEqualTo(first);
        assertThat(store.list("run-1", "ingest")).containsExactly(2);
        assertThat(store.read(chunk.id()).rows()).extracting(r -> r.record().get("id")).containsExactly(1L, 2L);
    }

    @Test
    void writesQuarantineAsJsonLinesUnderPipelineAndRun() {
        BlobContainerClient q = Azurite.freshContainer("quarantine");
        QuarantineEntry e = QuarantineEntry.of("checks", new RuleFailure("range:lat", "lat", 95, "lat 95 is outside -90..90"),
                SourceRef.line("in.csv", 7), Map.of("lat", 95));

        new BlobQuarantineSink(q).write("airports", "run-1", "transform-1/00000", List.of(e));

        String text = q.getBlobClient("airports/run-1/transform-1/00000.jsonl").downloadContent().toString();
        assertThat(text).startsWith("{\"step\":\"checks\",\"rule\":\"range:lat\",\"field\":\"lat\",\"value\":95,")
                .contains("\"source\":{\"blob\":\"in.csv\",\"line\":7}").endsWith("\n");
    }
}
