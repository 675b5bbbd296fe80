package com.doe.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.DoeException;
import com.doe.chunk.Chunk;
import com.doe.chunk.SourcedRecord;
import com.doe.pipeline.Pipeline;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.RuleFailure;
import com.doe.stats.RunRejectedException;
import com.doe.step.StepServices;
import com.doe.step.enrich.InMemoryLookupSource;
import com.doe.step.keys.InMemoryKeyClaimStore;
import com.doe.testing.Fixtures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformStageTest {

    private final Pipeline pipeline = Pipeline.compile(Fixtures.airports());
    private final Plan plan = Planner.plan(pipeline);
    private final InMemoryLookupSource lookups = new InMemoryLookupSource()
            .put("reference/states.csv", List.of(Map.of("code", "TX", "name", "Texas"), Map.of("code", "CA", "name", "California")));
    private final InMemoryKeyClaimStore keys = new InMemoryKeyClaimStore();
    private final TransformStage stage = new TransformStage(pipeline, plan.stage("transform-1"), StepServices.of(lookups), keys);

    private static Map<String, Object> airport(String iata, String name, String state, double lat, double lon) {
        Map<String, Object> m = new HashMap<>();
        m.put("iata", iata);
        m.put("name", name);
        m.put("city", "Somewhere");
        m.put("state", state);
        m.put("country", null);
        m.put("latitude", lat);
        m.put("longitude", lon);
        m.put("opened", LocalDate.of(1990, 1, 1));
        m.put("fee_total", new BigDecimal("12.50"));
        return m;
    }

    private Chunk chunk(int index, List<Map<String, Object>> rows) {
        return Fixtures.chunk("run-1", index, pipeline.sourceSchema(), rows);
    }

    @Test
    void cleansMapsAndEnrichesAValidRow() {
        StageResult r = stage.process(chunk(0, List.of(airport(" dfw ", "Dallas Fort Worth", "TX", 32.9, -97.0))));

        assertThat(r.rejected()).isEmpty();
        SourcedRecord out = r.output().rows().get(0);
        assertThat(out.record().get("iata")).isEqualTo("DFW");
        assertThat(out.record().get("country")).isEqualTo("USA");
        assertThat(out.record().get("airport_name")).isEqualTo("Dallas Fort Worth");
        assertThat(out.record().get("region")).isEqualTo("east");
        assertThat(out.record().get("state_name")).isEqualTo("Texas");
        assertThat(out.record().getSchema().getField("city")).isNull();
        assertThat(out.source().line()).isEqualTo(2L);
        assertThat(r.output().id().path()).isEqualTo("run-1/transform-1/00000.avro");
    }

    @Test
    void rejectsRowWithLatitudeOutOfRangeListingEveryFailedRuleOnce() {
        StageResult r = stage.process(chunk(0, List.of(airport("toolong", "X", "TX", 95.2, 10.0))));

        assertThat(r.output().rows()).isEmpty();
        assertThat(r.rejected()).hasSize(1);
        QuarantineEntry e = r.rejected().get(0);
        assertThat(e.step()).isEqualTo("checks");
        assertThat(e.failures()).extracting(RuleFailure::rule).containsExactly("iata-format", "range:latitude", "west");
        assertThat(e.failures().get(1).reason()).isEqualTo("latitude 95.2 is outside -90..90");
        assertThat(e.failures().get(1).value()).isEqualTo(95.2);
        assertThat(e.source().line()).isEqualTo(2L);
        assertThat(e.row()).containsEntry("iata", "TOOLONG");
        assertThat(r.stats().steps().get(1).ruleFailures()).containsEntry("range:latitude", 1L);
    }

    @Test
    void warnRulesAreCountedButKeepTheRow() {
        StageResult r = stage.process(chunk(0, List.of(airport("JFK", "Kennedy", "NY", 40.6, -73.8))));

        assertThat(r.output().rows()).hasSize(1);
        assertThat(r.stats().steps().get(1).warnings()).containsEntry("in:state", 1L);
        assertThat(r.output().rows().get(0).record().get("state_name")).isNull();
    }

    @Test
    void filterRemovesRowsAsFilteredAndTheStageBalances() {
        Map<String, Object> foreign = airport("YYZ", "Toronto", "ON", 43.7, -79.6);
        foreign.put("country", "Canada");

        StageResult r = stage.process(chunk(0, List.of(foreign, airport("LAX", "Los Angeles", "CA", 33.9, -118.4),
                airport("BAD", null, "CA", 33.9, -118.4))));

        assertThat(r.stats().rowsIn()).isEqualTo(3);
        assertThat(r.stats().filtered()).isEqualTo(1);
        assertThat(r.stats().rejected()).isEqualTo(1);
        assertThat(r.stats().rowsOut()).isEqualTo(1);
        assertThat(r.stats().isBalanced()).isTrue();
        assertThat(r.output().rows().get(0).record().get("region")).isEqualTo("west");
    }

    @Test
    void dedupeKeepsTheFirstOccurrenceAcrossChunksAndRedeliveryGivesTheSameAnswer() {
        Chunk first = chunk(0, List.of(airport("AUS", "Austin", "TX", 30.2, -97.7), airport("aus", "Austin again", "TX", 30.2, -97.7)));
        Chunk second = chunk(1, List.of(airport("AUS", "Austin third", "TX", 30.2, -97.7), airport("SFO", "San Francisco", "CA", 37.6, -122.4)));

        StageResult r1 = stage.process(first);
        StageResult r2 = stage.process(second);
        StageResult r1Again = stage.process(first);

        assertThat(r1.output().rows()).extracting(r -> r.record().get("airport_name")).containsExactly("Austin");
        assertThat(r2.output().rows()).extracting(r -> r.record().get("iata")).containsExactly("SFO");
        assertThat(r1.stats().steps().get(0).filtered()).isEqualTo(1);
        assertThat(r2.stats().steps().get(0).filtered()).isEqualTo(1);
        assertThat(r1Again.output().rows()).extracting(r -> r.record().get("airport_name")).containsExactly("Austin");
    }

    @Test
    void uniqueRejectsLaterDuplicatesAcrossChunks() {
        Pipeline p = Pipeline.compile(Fixtures.airports().replace("\"dedupeBy\": [\"iata\"]", "\"dedupeBy\": []"));
        TransformStage s = new TransformStage(p, Planner.plan(p).stage("transform-1"), StepServices.of(lookups), keys);

        s.process(Fixtures.chunk("run-u", 0, p.sourceSchema(), List.of(airport("HOU", "Hobby", "TX", 29.6, -95.3))));
        StageResult later = s.process(Fixtures.chunk("run-u", 1, p.sourceSchema(), List.of(airport("HOU", "Hobby 2", "TX", 29.6, -95.3))));

        assertThat(later.rejected()).hasSize(1);
        assertThat(later.rejected().get(0).rule()).isEqualTo("unique:iata");
        assertThat(later.rejected().get(0).reason()).contains("already appeared earlier in the run");
    }

    @Test
    void onFailFailStopsTheRunNamingStepAndLine() {
        Pipeline p = Pipeline.compile(Fixtures.airports().replace("\"onFail\": \"quarantine\"", "\"onFail\": \"fail\""));
        TransformStage s = new TransformStage(p, Planner.plan(p).stage("transform-1"), StepServices.of(lookups), keys);

        assertThatThrownBy(() -> s.process(Fixtures.chunk("run-f", 0, p.sourceSchema(), List.of(airport("ok1", "A", "TX", 91, -90)))))
                .isInstanceOfSatisfying(RunRejectedException.class, e -> {
                    assertThat(e.stepId()).isEqualTo("checks");
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessageContaining("step 'checks'")
                .hasMessageContaining("in.csv line 2")
                .hasMessageContaining("latitude 91.0 is outside -90..90");
    }

    @Test
    void neverMutatesTheInputRecords() {
        Chunk in = chunk(0, List.of(airport(" sea ", "Seattle", "WA", 47.4, -122.3)));

        stage.process(in);

        assertThat(in.rows().get(0).record().get("iata")).isEqualTo(" sea ");
        assertThat(in.rows().get(0).record().get("country")).isNull();
    }

    @Test
    void castsLosslesslyAndRejectsWhatDoesNotFit() {
        String def = "{\"id\": \"casts\", \"source\": {\"format\": \"csv\", \"schema\": {\"fields\": ["
                + "{\"name\": \"code\", \"type\": \"string\"}]}},"
                + "\"steps\": [{\"id\": \"c\", \"type\": \"map\", \"cast\": {\"code\": \"long\"}, \"set\": {\"twice\": \"row.code + row.code\"}}]}";
        Pipeline p = Pipeline.compile(def);
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(new HashMap<>(Map.of("code", "42")));
        rows.add(new HashMap<>(Map.of("code", "4.5")));

        StageResult r = new TransformStage(p, Planner.plan(p).stage("transform-1"), StepServices.of(lookups), keys)
                .process(Fixtures.chunk("run-c", 0, p.sourceSchema(), rows));

        assertThat(r.output().rows()).extracting(x -> x.record().get("code")).containsExactly(42L);
        assertThat(r.output().rows()).extracting(x -> x.record().get("twice")).containsExactly("4242");
        assertThat(r.rejected()).extracting(QuarantineEntry::rule).containsExactly("cast:code");
    }
}
