package com.doe.run;

import com.doe.stats.RunTotals;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLedgerTest {

    private final RunLedger ledger = new RunLedger(new InMemoryRunStore());
    private final RunSource source = new RunSource("landing", "airports/a.csv", "0x8DC1");

    private RunRecord pending(String runId, Instant startedAt) {
        return RunRecord.pending(runId, "airports", 1, source, startedAt);
    }

    @Test
    void startingTheSameRunTwiceKeepsTheFirstRecord() {
        RunRecord first = ledger.start(pending("r1", Instant.parse("2026-01-01T00:00:00Z")));

        RunRecord second = ledger.start(pending("r1", Instant.parse("2026-01-02T00:00:00Z")));

        assertThat(second).isEqualTo(first);
        assertThat(second.quarantine()).isEqualTo("quarantine/airports/r1/");
    }

    @Test
    void finalRecordIsNeverChangedAgain() {
        ledger.start(pending("r1", Instant.EPOCH));
        ledger.update("r1", r -> r.finish(RunStatus.Failed, Instant.EPOCH.plusSeconds(5), "stage 1 timed out"));

        RunRecord after = ledger.update("r1", r -> r.withStatus(RunStatus.Running));

        assertThat(after.status()).isEqualTo(RunStatus.Failed);
        assertThat(after.error()).isEqualTo("stage 1 timed out");
        assertThat(ledger.get("r1").orElseThrow().status()).isEqualTo(RunStatus.Failed);
    }

    @Test
    void concurrentUpdatesAreAllApplied() throws Exception {
        ledger.start(pending("r1", Instant.EPOCH));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<RunRecord>> updates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            updates.add(() -> ledger.update("r1", r -> r.withProgress(
                    new RunTotals(r.rows().read() + 10, r.rows().written() + 10, 0, 0), r.stages(), r.quality())));
        }

        for (var future : pool.invokeAll(updates)) {
            future.get();
        }
        pool.shutdown();

        assertThat(ledger.get("r1").orElseThrow().rows()).isEqualTo(new RunTotals(400, 400, 0, 0));
    }

    @Test
    void updatingAnUnknownRunSaysHowToFindRuns() {
        assertThatThrownBy(() -> ledger.update("nope", r -> r))
                .isInstanceOf(RunNotFoundException.class)
                .hasMessageContaining("GET /api/runs");
    }

    @Test
    void listIsNewestFirstAndFiltered() {
        ledger.start(pending("old", Instant.parse("2026-01-01T00:00:00Z")));
        ledger.start(pending("new", Instant.parse("2026-01-03T00:00:00Z")));
        ledger.start(RunRecord.pending("other", "routes", 1, source, Instant.parse("2026-01-02T00:00:00Z")));
        ledger.update("old", r -> r.withStatus(RunStatus.Running));

        assertThat(ledger.list(new RunQuery(null, null, 10))).extracting(RunRecord::runId)
                .containsExactly("new", "other", "old");
        assertThat(ledger.list(new RunQuery("airports", null, 10))).extracting(RunRecord::runId)
                .containsExactly("new", "old");
        assertThat(ledger.list(new RunQuery(null, RunStatus.Running, 10))).extracting(RunRecord::runId)
                .containsExactly("old");
        assertThat(ledger.list(new RunQuery(null, null, 1))).extracting(RunRecord::runId).containsExactly("new");
    }

    @Test
    void runIdIsStablePerFileVersionAndSafeAsAPath() {
        String id = RunIds.of("airports", "airports/a.csv", "0x8DC1");

        assertThat(RunIds.of("airports", "airports/a.csv", "0x8DC1")).isEqualTo(id);
        assertThat(RunIds.of("airports", "airports/a.csv", "0x8DC2")).isNotEqualTo(id);
        assertThat(RunIds.of("airports", "airports/b.csv", "0x8DC1")).isNotEqualTo(id);
        assertThat(id).matches("airports-[0-9a-f]{20}");
    }

    @Test
    void reopenTurnsAFinishedRunBackToRunningWithItsEndInRetries() {
        ledger.start(pending("r1", Instant.EPOCH));
        ledger.update("r1", r -> r.finish(RunStatus.Failed, Instant.EPOCH.plusSeconds(5), "stage 1 timed out"));
        RetryRecord retry = new RetryRecord(Instant.EPOCH.plusSeconds(60), 1, "transform-1", RunStatus.Failed,
                Instant.EPOCH.plusSeconds(5), "stage 1 timed out");

        RunRecord reopened = ledger.reopen("r1", r -> r.status() == RunStatus.Failed, r -> r.retried(retry)).orElseThrow();

        assertThat(reopened.status()).isEqualTo(RunStatus.Running);
        assertThat(reopened.error()).isNull();
        assertThat(reopened.finishedAt()).isNull();
        assertThat(reopened.retries()).containsExactly(retry);
        assertThat(ledger.get("r1").orElseThrow()).isEqualTo(reopened);
        RunRecord finished = ledger.update("r1", r -> r.finish(RunStatus.Completed, Instant.EPOCH.plusSeconds(90), null));
        assertThat(finished.retries()).as("kept when the run ends again").containsExactly(retry);
    }

    @Test
    void ofTwoConcurrentReopensOfTheSameEndingExactlyOneWins() throws Exception {
        ledger.start(pending("r1", Instant.EPOCH));
        ledger.update("r1", r -> r.finish(RunStatus.Cancelled, Instant.EPOCH.plusSeconds(5), "cancelled"));
        RetryRecord retry = new RetryRecord(Instant.EPOCH, 1, "load-2", RunStatus.Cancelled, null, "cancelled");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Boolean>> reopens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reopens.add(() -> ledger.reopen("r1", r -> r.status().isFinal(), r -> r.retried(retry)).isPresent());
        }

        long winners = 0;
        for (var future : pool.invokeAll(reopens)) {
            winners += future.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(ledger.get("r1").orElseThrow().retries()).hasSize(1);
    }

    @Test
    void onlyAFailedOrCancelledRecordIsRetried() {
        RetryRecord retry = new RetryRecord(Instant.EPOCH, 1, "load-2", RunStatus.Failed, null, null);

        assertThatThrownBy(() -> pending("r1", Instant.EPOCH).finish(RunStatus.Completed, Instant.EPOCH, null).retried(retry))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Completed");
    }
}
