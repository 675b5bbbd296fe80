package com.doe.worker;

import com.doe.catalog.InMemoryPipelineStore;
import com.doe.catalog.PipelineCatalog;
import com.doe.catalog.PipelineStore;
import com.doe.pipeline.PipelineValidator;
import com.doe.schema.DatasetSchemas;
import com.doe.schema.InMemoryRegistryStore;
import com.doe.schema.SchemaRegistry;
import com.doe.step.StageKind;
import com.doe.step.StepCatalogue;
import com.doe.step.StepServices;
import com.doe.step.enrich.InMemoryLookupSource;
import com.doe.step.keys.InMemoryKeyClaimStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** A small pipeline, its catalog over in-memory stores, and sample files for the worker and starter tests. */
final class WorkerFixtures {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    static final String WORK_URL = "http://127.0.0.1:10000/devstoreaccount1/work";
    static final String QUARANTINE_URL = "http://127.0.0.1:10000/devstoreaccount1/quarantine";

    /** transform-1 = checks (validate, quarantine) + north (map filter); load-2 = graph (neo4j). */
    static final String AIRPORTS = """
            {"id": "airports",
             "source": {"format": "csv", "schema": {"fields": [
               {"name": "iata", "type": "string", "required": true},
               {"name": "latitude", "type": "double"}]}},
             "steps": [
               {"id": "checks", "type": "validate", "onFail": "quarantine", "rules": [
                 {"id": "iata-format", "field": "iata", "check": "regex", "pattern": "^[A-Z]{3}$"},
                 {"id": "lat-range", "field": "latitude", "check": "range", "min": -90, "max": 90}]},
               {"id": "north", "type": "map", "filter": "row.latitude > 0.0"},
               {"id": "graph", "type": "neo4j",
                "nodes": [{"label": "Airport", "key": ["iata"], "properties": ["latitude"]}]}],
             "settings": {"chunkRows": 4}}
            """;

    /**
     * 6 rows, one malformed (line 4): chunk 0 holds AUS, x1 (bad code), DFW (lat 95), SYD (south);
     * chunk 1 holds IAH.
     */
    static final byte[] CSV = """
            iata,latitude
            AUS,30.19
            x1,40.0
            ORD,north
            DFW,95
            SYD,-33.9
            IAH,29.98
            """.getBytes(StandardCharsets.UTF_8);

    private WorkerFixtures() {
    }

    static PipelineCatalog catalog(PipelineStore store) {
        return new PipelineCatalog(store, new PipelineValidator(StepCatalogue.standard()),
                new DatasetSchemas(new SchemaRegistry(new InMemoryRegistryStore())), CLOCK);
    }

    static PipelineCatalog catalog() {
        return catalog(new InMemoryPipelineStore());
    }

    /** The catalog's pipelines compiled with the transform stage kind only, on in-memory lookups and key claims. */
    static CompiledPipelines transformOnly(PipelineCatalog catalog) {
        return new CompiledPipelines(catalog, StepCatalogue.standard(),
                Map.of(StageKind.TRANSFORM, StageFactory.transform(StepServices.of(new InMemoryLookupSource()),
                        new InMemoryKeyClaimStore())));
    }
}
