package com.doe.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.doe.testing.Azurite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The {@link StageProgressContract} against Blob Storage (Azurite locally), plus races between writers. */
class BlobStageProgressIT extends StageProgressContract {

    private static final BlobContainerClient WORK = Azurite.freshContainer("progress");
    private final BlobStageProgress progress = new BlobStageProgress(WORK);

    @Override
    protected StageProgress progress() {
        return progress;
    }

    @AfterAll
    static void deleteContainer() {
        WORK.deleteIfExists();
    }

    @Test
    void writesMarkersAtTheDocumentedPaths() {
        progress.markDone(run, "transform-1", 4, new StageTotals(3, 2, 1, 0, 9, Map.of("checks", 1L), Map.of()));
        progress.markFailed(run, "transform-1", new ChunkFailure(5, 2, true, "Kafka unavailable"));

        assertThat(WORK.getBlobClient(run + "/transform-1/_done/00004.json").exists()).isTrue();
        String failed = WORK.getBlobClient(run + "/transform-1/_failed/00005.2.json").downloadContent().toString();
        assertThat(failed).contains("\"retryable\":true").contains("Kafka unavailable");
    }

    @Test
    void concurrentWritersOfOneMarkerHaveExactlyOneWinnerAndItsContentIsKept() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> done = new ArrayList<>();
        List<Callable<Boolean>> failed = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            StageTotals totals = new StageTotals(100, i, 0, 0, 1, Map.of(), Map.of());
            ChunkFailure failure = new ChunkFailure(0, 1, true, "writer " + i);
            done.add(() -> {
                go.await();
                return progress.markDone(run, "s", 0, totals);
            });
            failed.add(() -> {
                go.await();
                return progress.markFailed(run, "s", failure);
            });
        }
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(done.get(i)));
                results.add(pool.submit(failed.get(i)));
            }
            go.countDown();
            List<Integer> doneWinners = new ArrayList<>();
            List<Integer> failedWinners = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).get()) {
                    (i % 2 == 0 ? doneWinners : failedWinners).add(i / 2);
                }
            }

            assertThat(doneWinners).hasSize(1);
            assertThat(failedWinners).hasSize(1);
            assertThat(progress.done(run, "s").get(0).rowsOut()).isEqualTo((long) doneWinners.get(0));
            assertThat(progress.failures(run, "s")).singleElement()
                    .satisfies(f -> assertThat(f.message()).isEqualTo("writer " + failedWinners.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void createsAMissingContainerOnTheFirstWrite() {
        BlobContainerClient missing = Azurite.service().getBlobContainerClient("progress-" + run);
        try {
            BlobStageProgress store = new BlobStageProgress(missing);
            assertThat(store.doneChunks(run, "s")).isEmpty();

            assertThat(store.markDone(run, "s", 0, StageTotals.ZERO)).isTrue();

            assertThat(store.doneChunks(run, "s")).containsExactly(0);
        } finally {
            missing.deleteIfExists();
        }
    }
}
