package com.doe.sink;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.SourcedRecord;
import com.doe.format.AvroSchemas;
import com.doe.pipeline.Pipeline;
import com.doe.plan.LoadStage;
import com.doe.plan.Planner;
import com.doe.quarantine.SourceRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Pipelines with sink steps, and chunks of airport/route rows, for sink tests. */
public final class SinkFixtures {

    /** Fields: iata (required), airport_name, city, state, origin, destination, count, opened. */
    public static final String SOURCE = """
            "source": {"format": "csv", "schema": {"fields": [
              {"name": "iata", "type": "string"},
              {"name": "airport_name", "type": "string"},
              {"name": "city", "type": "string"},
              {"name": "state", "type": "string"},
              {"name": "origin", "type": "string"},
              {"name": "destination", "type": "string"},
              {"name": "count", "type": "long"},
              {"name": "fee", "type": "decimal(12,2)"},
              {"name": "opened", "type": "date"}]}}""";

    private SinkFixtures() {
    }

    /** A compiled pipeline whose steps are the given JSON step objects. */
    public static Pipeline pipeline(String id, String... steps) {
        return Pipeline.compile("{\"id\": \"" + id + "\", " + SOURCE + ", \"steps\": [" + String.join(",", steps) + "]}");
    }

    /** The load stage of a pipeline whose steps are all sinks. */
    public static LoadStage loadStage(Pipeline pipeline, SinkFactory sinks) {
        return new LoadStage(pipeline, Planner.plan(pipeline).stage("load-1"), sinks);
    }

    public static RunContext run() {
        return new RunContext("routes", "run-" + UUID.randomUUID().toString().substring(0, 8), LocalDate.of(2024, 5, 17));
    }

    /** A row: an airport and one route from it. */
    public static Map<String, Object> route(String iata, String name, String destination, long count) {
        Map<String, Object> m = new HashMap<>();
        m.put("iata", iata);
        m.put("airport_name", name);
        m.put("city", "City of " + name);
        m.put("state", "TX");
        m.put("origin", iata);
        m.put("destination", destination);
        m.put("count", count);
        m.put("fee", new java.math.BigDecimal("12.50"));
        m.put("opened", LocalDate.of(1990, 1, 1));
        return m;
    }

    /** A chunk of the ingest stage of {@code run}, each row at line index * 1000 + i + 2 of "routes.csv". */
    public static Chunk chunk(Pipeline pipeline, RunContext run, int index, List<Map<String, Object>> rows) {
        Schema avro = AvroSchemas.toAvro(pipeline.sourceSchema());
        List<SourcedRecord> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            GenericData.Record r = new GenericData.Record(avro);
            rows.get(i).forEach(r::put);
            out.add(new SourcedRecord(r, SourceRef.line("routes.csv", index * 1000L + i + 2)));
        }
        return new Chunk(new ChunkId(run.runId(), "ingest", index), pipeline.sourceSchema(), "routes.csv", out);
    }
}
