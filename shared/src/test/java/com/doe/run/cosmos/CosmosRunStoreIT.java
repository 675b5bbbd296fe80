package com.doe.run.cosmos;

import com.doe.run.ModelUse;
import com.doe.run.RetryRecord;
import com.doe.run.RunLedger;
import com.doe.run.RunQuality;
import com.doe.run.RunQuery;
import com.doe.run.RunRecord;
import com.doe.run.RunSource;
import com.doe.run.RunStatus;
import com.doe.run.RunStore;
import com.doe.run.StageRecord;
import com.doe.schema.cosmos.CosmosTestSupport;
import com.doe.stats.FieldProfile;
import com.doe.stats.RunTotals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Run records on the Cosmos DB (compatible) server, in a fresh database. */
class CosmosRunStoreIT {

    private static CosmosTestSupport cosmos;
    private static CosmosRunStore store;

    @BeforeAll
    static void openStore() {
        cosmos = new CosmosTestSupport();
        store = CosmosRunStore.fromSettings(cosmos.client(), cosmos.settings());
    }

    @AfterAll
    static void dropDatabase() {
        if (cosmos != null) {
            cosmos.close();
        }
    }

    private static RunRecord finished(String runId, String pipelineId, Instant startedAt) {
        return new RunRecord(runId, pipelineId, 2, RunStatus.Completed,
                new RunSource("landing", pipelineId + "/a.csv", "0x1"), startedAt, startedAt.plusMillis(1500),
                new RunTotals(10, 7, 2, 1),
                List.of(new StageRecord(0, "ingest", List.of(), RunStatus.Completed, 10, 9, 1, 1, 1, 40),
                        new StageRecord(1, "transform", List.of("tidy", "checks"), RunStatus.Completed, 9, 7, 1, 1, 2, 70)),
                new RunQuality(Map.of("range:latitude", 1L), List.of(new FieldProfile("iata", 10, 0, "AUS", "SFO", 9))),
                "quarantine/" + pipelineId + "/" + runId + "/", null)
                .withModels(List.of(new ModelUse("learn", ModelUse.TRAIN, "churn", 4),
                        new ModelUse("predict", ModelUse.SCORE, "churn", 4),
                        new ModelUse("external", ModelUse.SCORE, "models/uploads/risk.onnx", null)));
    }

    @Test
    void fullRecordRoundTrips() {
        RunRecord record = finished("round-trip", "airports", Instant.parse("2026-03-01T10:00:00.123Z"));

        assertThat(store.create(record)).isTrue();
        assertThat(store.create(record)).isFalse();

        assertThat(store.read("round-trip").orElseThrow().record()).isEqualTo(record);
        assertThat(store.read("missing")).isEmpty();
    }

    @Test
    void replaceNeedsTheCurrentEtag() {
        store.create(RunRecord.pending("etag-run", "airports", 1, new RunSource("landing", "b.csv", "0x2"),
                Instant.parse("2026-03-01T10:00:00Z")));
        RunStore.Tagged read = store.read("etag-run").orElseThrow();
        RunRecord running = read.record().withStatus(RunStatus.Running);

        assertThat(store.replace(running, read.etag())).isTrue();
        assertThat(store.replace(running.withStatus(RunStatus.Cancelled), read.etag())).isFalse();
        assertThat(store.read("etag-run").orElseThrow().record().status()).isEqualTo(RunStatus.Running);
    }

    @Test
    void listingIsNewestFirstWithFilters() {
        store.create(finished("l-1", "listing", Instant.parse("2026-04-01T00:00:00Z")));
        store.create(finished("l-2", "listing", Instant.parse("2026-04-01T00:00:00.5Z")));
        store.create(finished("l-3", "listing", Instant.parse("2026-04-02T00:00:00Z")).finish(RunStatus.Failed,
                Instant.parse("2026-04-02T00:01:00Z"), "boom"));

        assertThat(store.list(new RunQuery("listing", null, 10))).extracting(RunRecord::runId)
                .containsExactly("l-3", "l-2", "l-1");
        assertThat(store.list(new RunQuery("listing", RunStatus.Completed, 10))).extracting(RunRecord::runId)
                .containsExactly("l-2", "l-1");
        assertThat(store.list(new RunQuery("listing", null, 1))).extracting(RunRecord::runId).containsExactly("l-3");
    }

    @Test
    void retriedRecordRoundTripsAndOnlyOneReopenOfAnEndingWins() {
        RunLedger ledger = new RunLedger(store);
        Instant failedAt = Instant.parse("2026-05-01T10:00:40Z");
        ledger.start(finished("retried", "airports", Instant.parse("2026-05-01T10:00:00Z"))
                .finish(RunStatus.Failed, failedAt, "Stage load-2 failed: chunk 1 failed permanently on attempt 1: x"));
        RetryRecord retry = new RetryRecord(Instant.parse("2026-05-01T10:05:00.25Z"), 2, "load-2", RunStatus.Failed,
                failedAt, "Stage load-2 failed: chunk 1 failed permanently on attempt 1: x");

        RunRecord reopened = ledger.reopen("retried", r -> r.status() == RunStatus.Failed, r -> r.retried(retry))
                .orElseThrow();

        assertThat(store.read("retried").orElseThrow().record()).isEqualTo(reopened);
        assertThat(reopened.retries()).containsExactly(retry);
        assertThat(ledger.reopen("retried", r -> r.status() == RunStatus.Failed, r -> r.retried(retry))).isEmpty();
    }
}
