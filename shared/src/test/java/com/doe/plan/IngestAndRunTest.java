package com.doe.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.chunk.InMemoryChunkStore;
import com.doe.format.SourceFile;
import com.doe.pipeline.Pipeline;
import com.doe.quarantine.InMemoryQuarantineSink;
import com.doe.quarantine.QuarantineJson;
import com.doe.stats.FieldProfile;
import com.doe.stats.RejectRatioCheck;
import com.doe.stats.RunTotals;
import com.doe.stats.StageStats;
import com.doe.step.StageKind;
import com.doe.step.StepServices;
import com.doe.step.enrich.InMemoryLookupSource;
import com.doe.step.keys.InMemoryKeyClaimStore;
import com.doe.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestAndRunTest {

    private final Pipeline pipeline = Pipeline.compile(Fixtures.airports().replace("\"chunkRows\": 10000", "\"chunkRows\": 40"));
    private final InMemoryChunkStore chunks = new InMemoryChunkStore();
    private final InMemoryQuarantineSink quarantine = new InMemoryQuarantineSink();

    /** 100 data rows; every 10th has a bad latitude, every 25th is unparseable, rows 50..59 repeat earlier codes. */
    private static byte[] csv() {
        StringBuilder sb = new StringBuilder("iata,name,city,state,country,latitude,longitude,opened,Fee Total $\n");
        for (int i = 0; i < 100; i++) {
            String code = i >= 50 && i < 60 ? "A" + (i - 50 + 10) : "A" + (i + 10);
            String lat = i % 25 == 24 ? "north" : i % 10 == 9 ? "95" : "30." + i;
            sb.append(code).append(",Airport ").append(i).append(",City,TX,,").append(lat).append(",-97.5,2001-01-01,1.50\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void runsIngestAndTransformOverChunksAndTheRunBalances() {
        IngestStage.Result ingest = new IngestStage(pipeline, chunks, quarantine).ingest("run-9", SourceFile.of("airports.csv", csv()));
        Plan plan = Planner.plan(pipeline);
        TransformStage transform = new TransformStage(pipeline, plan.stage("transform-1"),
                StepServices.of(new InMemoryLookupSource().put("reference/states.csv", List.of(Map.of("code", "TX", "name", "Texas")))),
                new InMemoryKeyClaimStore());

        StageStats sum = null;
        for (int i : chunks.list("run-9", Plan.INGEST)) {
            StageStats s = transform.run("run-9", i, chunks, quarantine).stats();
            sum = sum == null ? s : sum.plus(s);
        }
        RunTotals totals = RunTotals.of(List.of(ingest.stats(), sum));

        assertThat(ingest.chunks()).isEqualTo(3);
        assertThat(ingest.stats().rowsIn()).isEqualTo(100);
        assertThat(ingest.stats().rejected()).isEqualTo(4);
        assertThat(sum.steps().get(0).filtered()).isEqualTo(10);
        assertThat(totals.read()).isEqualTo(100);
        assertThat(totals.isBalanced()).isTrue();
        assertThat(totals.written()).isEqualTo(100 - 4 - 10 - sum.rejected());
        assertThat(chunks.list("run-9", "transform-1")).containsExactly(0, 1, 2);
        assertThat(quarantine.batchNames()).anyMatch(n -> n.startsWith("airports/run-9/ingest/"))
                .anyMatch(n -> n.startsWith("airports/run-9/transform-1/"));
        String firstLine = new String(QuarantineJson.toJsonLines(quarantine.entries()), StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"step\":\"read\"")).findFirst().orElseThrow();
        assertThat(firstLine).contains("\"source\":{\"blob\":\"airports.csv\",\"line\":26}").contains("'north' is not a valid double");
        FieldProfile lat = ingest.profile().stream().filter(p -> p.field().equals("latitude")).findFirst().orElseThrow();
        assertThat(lat.count()).isEqualTo(96);
        assertThat(lat.max()).isEqualTo(95.0);
        // 86 distinct codes reach the chunks (rows 50..59 repeat codes, four rows are unparseable): within 5%
        assertThat(ingest.profile().get(0).approxDistinct()).isBetween(82L, 90L);
        long byChecks = sum.steps().get(1).rejected();
        assertThat(RejectRatioCheck.of(pipeline).check(List.of(ingest.stats(), sum))).hasValueSatisfying(b -> {
            assertThat(b.stepId()).isEqualTo("checks");
            assertThat(b.rejected()).isEqualTo(byChecks).isGreaterThan(5);
            assertThat(b.read()).isEqualTo(100);
        });
    }

    @Test
    void plannerFusesConsecutiveStepsOfTheSameKind() {
        String def = Fixtures.airports().replace("\"batchSize\": 5000}", "\"batchSize\": 5000},"
                + "{\"id\": \"docs\", \"type\": \"cosmos\", \"database\": \"d\", \"container\": \"c\", \"idFields\": [\"iata\"]},"
                + "{\"id\": \"predict\", \"type\": \"score\", \"onnx\": \"models/x.onnx\", \"inputs\": [\"latitude\"], \"output\": {\"score\": \"risk\"}},"
                + "{\"id\": \"late\", \"type\": \"map\", \"filter\": \"row.risk > 0.5\"}");

        Plan plan = Planner.plan(Pipeline.compile(def));

        List<String> names = new ArrayList<>();
        plan.stages().forEach(s -> names.add(s.name() + s.steps()));
        assertThat(names).containsExactly("transform-1[0, 1, 2, 3]", "load-2[4, 5]", "ml-3[6]", "transform-4[7]");
        assertThat(plan.stages().get(2).kind()).isEqualTo(StageKind.ML);
        assertThat(plan.stages().get(1).inputStage()).isEqualTo("transform-1");
        assertThat(plan.stages().get(3).output().names()).contains("risk");
        assertThat(plan.keyScopes()).containsExactly("tidy/dedupeBy/iata", "checks/unique/iata");
    }
}
