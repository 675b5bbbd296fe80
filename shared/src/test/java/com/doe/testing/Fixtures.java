package com.doe.testing;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.SourcedRecord;
import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.quarantine.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Test data builders. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String airports() {
        return resource("pipelines/airports.json");
    }

    /** A chunk of records built from maps, each row on line (i + 2) of "in.csv". */
    public static Chunk chunk(String runId, int index, DatasetSchema schema, List<Map<String, Object>> rows) {
        Schema avro = AvroSchemas.toAvro(schema);
        List<SourcedRecord> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            GenericData.Record r = new GenericData.Record(avro);
            rows.get(i).forEach(r::put);
            out.add(new SourcedRecord(r, SourceRef.line("in.csv", index * 1000L + i + 2)));
        }
        return new Chunk(new ChunkId(runId, "ingest", index), schema, "in.csv", out);
    }
}
