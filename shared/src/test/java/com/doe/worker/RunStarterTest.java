package com.doe.worker;

import static com.doe.worker.WorkerFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import com.doe.catalog.PipelineCatalog;
import com.doe.chunk.InMemoryChunkStore;
import com.doe.format.SourceFile;
import com.doe.ml.RunModels;
import com.doe.ml.registry.InMemoryModelStore;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.score.ModelSource;
import com.doe.orchestration.InMemoryStageProgress;
import com.doe.orchestration.RunInput;
import com.doe.orchestration.StagePlan;
import com.doe.plan.Plan;
import com.doe.quarantine.InMemoryQuarantineSink;
import com.doe.run.InMemoryRunStore;
import com.doe.run.RunIds;
import com.doe.run.RunLedger;
import com.doe.run.RunRecord;
import com.doe.run.RunStatus;
import com.doe.run.StageRecord;
import com.doe.step.StepCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunStarterTest {

    private final PipelineCatalog catalog = WorkerFixtures.catalog();
    private final RunLedger runs = new RunLedger(new InMemoryRunStore());
    private final InMemoryChunkStore chunks = new InMemoryChunkStore();
    private final InMemoryQuarantineSink quarantine = new InMemoryQuarantineSink();
    private final InMemoryStageProgress progress = new InMemoryStageProgress();
    private final InMemoryRejectedFiles rejected = new InMemoryRejectedFiles();
    private final RunStarter starter = new RunStarter(catalog, new CompiledPipelines(catalog, StepCatalogue.standard(), Map.of()),
            runs, chunks, quarantine, progress, rejected,
            new RunModels(new ModelSource(new ModelRegistry(new InMemoryModelStore()))), CLOCK);
    private final AtomicInteger opened = new AtomicInteger();

    private LandedBlob landed(String name, String etag, byte[] content) {
        return new LandedBlob("landing", name, etag, new SourceFile() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() throws IOException {
                opened.incrementAndGet();
                return new java.io.ByteArrayInputStream(content);
            }
        });
    }

    @Test
    void landedFileIsIngestedAndTheRunWaitsForItsOrchestration() {
        catalog.save("airports", WorkerFixtures.AIRPORTS);

        StartOutcome outcome = starter.start(landed("airports/2026/in.csv", "0x8D1", WorkerFixtures.CSV));

        assertThat(outcome).isInstanceOf(StartOutcome.Start.class);
        StartOutcome.Start start = (StartOutcome.Start) outcome;
        String runId = RunIds.of("airports", "airports/2026/in.csv", "0x8D1");
        assertThat(start.runId()).isEqualTo(runId);
        RunInput input = start.state().input();
        assertThat(start.state().next()).isEqualTo(1);
        assertThat(input.pipelineVersion()).isEqualTo(1);
        assertThat(input.datasetSchemaVersion()).isEqualTo(1);
        assertThat(input.ingestChunks()).isEqualTo(2);
        assertThat(input.ingest().rowsIn()).isEqualTo(6);
        assertThat(input.ingest().rejected()).isEqualTo(1);
        assertThat(input.stages()).extracting(StagePlan::name).containsExactly("transform-1", "load-2");
        assertThat(input.policy().maxAttempts()).isEqualTo(3);
        assertThat(chunks.list(runId, Plan.INGEST)).containsExactly(0, 1);
        assertThat(quarantine.batchNames()).containsExactly("airports/" + runId + "/ingest/00000");
        RunRecord record = runs.get(runId).orElseThrow();
        assertThat(record).isEqualTo(start.record());
        assertThat(record.status()).isEqualTo(RunStatus.Pending);
        assertThat(record.source().blob()).isEqualTo("airports/2026/in.csv");
        assertThat(record.rows().read()).isEqualTo(6);
        assertThat(record.stages()).extracting(StageRecord::kind, StageRecord::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ingest", RunStatus.Completed),
                org.assertj.core.groups.Tuple.tuple("transform", RunStatus.Pending),
                org.assertj.core.groups.Tuple.tuple("load", RunStatus.Pending));
        assertThat(record.quality().fields()).isNotEmpty();
        assertThat(start.runStarted(CLOCK.instant()).getStageCount()).isEqualTo(2);
        assertThat(start.runStarted(CLOCK.instant()).getTrigger()).isEqualTo("landing/airports/2026/in.csv");
        assertThat(rejected.copies()).isEmpty();
    }

    @Test
    void fileForAnUnknownPipelineIsRecordedAsFailedAndCopiedAside() {
        StartOutcome outcome = starter.start(landed("nope/in.csv", "e1", WorkerFixtures.CSV));

        assertThat(outcome).isInstanceOf(StartOutcome.Refused.class);
        StartOutcome.Refused refused = (StartOutcome.Refused) outcome;
        assertThat(refused.reason()).contains("there is no pipeline 'nope'", "PUT /api/pipelines/nope", "landing/nope/in.csv");
        RunRecord record = runs.get(refused.runId()).orElseThrow();
        assertThat(record.status()).isEqualTo(RunStatus.Failed);
        assertThat(record.pipelineVersion()).isZero();
        assertThat(record.error()).isEqualTo(refused.reason());
        assertThat(record.finishedAt()).isNotNull();
        assertThat(rejected.copies()).containsOnlyKeys("landing-rejected/landing/nope/in.csv");
        InMemoryRejectedFiles.Copy copy = rejected.copies().get(refused.rejectedCopy());
        assertThat(copy.content()).isEqualTo(WorkerFixtures.CSV);
        assertThat(copy.reason()).isEqualTo(refused.reason());
        assertThat(chunks.list(refused.runId(), Plan.INGEST)).isEmpty();
    }

    @Test
    void fileForADisabledPipelineIsRecordedAsFailedAndCopiedAside() {
        catalog.save("airports", WorkerFixtures.AIRPORTS);
        catalog.disable("airports");

        StartOutcome outcome = starter.start(landed("airports/in.csv", "e1", WorkerFixtures.CSV));

        assertThat(outcome).isInstanceOf(StartOutcome.Refused.class);
        RunRecord record = runs.get(outcome.runId()).orElseThrow();
        assertThat(record.status()).isEqualTo(RunStatus.Failed);
        assertThat(record.pipelineVersion()).isEqualTo(1);
        assertThat(record.error()).contains("pipeline 'airports' is disabled", "PUT /api/pipelines/airports");
        assertThat(rejected.copies()).containsOnlyKeys("landing-rejected/landing/airports/in.csv");
        assertThat(chunks.list(outcome.runId(), Plan.INGEST)).isEmpty();
    }

    @Test
    void duplicateTriggerGivesTheSameRunAndDoesNotIngestAgain() {
        catalog.save("airports", WorkerFixtures.AIRPORTS);
        LandedBlob blob = landed("airports/in.csv", "e1", WorkerFixtures.CSV);
        StartOutcome.Start first = (StartOutcome.Start) starter.start(blob);
        byte[] chunkBytes = chunks.bytes(new com.doe.chunk.ChunkId(first.runId(), Plan.INGEST, 0));
        catalog.save("airports", WorkerFixtures.AIRPORTS.replace("\"max\": 90", "\"max\": 80"));

        StartOutcome again = starter.start(blob);

        assertThat(opened.get()).isEqualTo(1);
        assertThat(again).isInstanceOf(StartOutcome.Start.class);
        StartOutcome.Start second = (StartOutcome.Start) again;
        assertThat(second.runId()).isEqualTo(first.runId());
        assertThat(second.state()).isEqualTo(first.state());
        assertThat(second.state().input().pipelineVersion()).isEqualTo(1);
        assertThat(chunks.bytes(new com.doe.chunk.ChunkId(first.runId(), Plan.INGEST, 0))).isEqualTo(chunkBytes);
        assertThat(runs.list(new com.doe.run.RunQuery(null, null, 50))).hasSize(1);
    }

    @Test
    void duplicateTriggerAfterTheRunMovedOnStartsNothing() {
        catalog.save("airports", WorkerFixtures.AIRPORTS);
        LandedBlob blob = landed("airports/in.csv", "e1", WorkerFixtures.CSV);
        String runId = starter.start(blob).runId();
        runs.update(runId, r -> r.withStatus(RunStatus.Running));

        StartOutcome again = starter.start(blob);

        assertThat(again).isInstanceOf(StartOutcome.AlreadyStarted.class);
        assertThat(again.runId()).isEqualTo(runId);
        assertThat(opened.get()).isEqualTo(1);
    }

    @Test
    void changedFileIsANewRun() {
        catalog.save("airports", WorkerFixtures.AIRPORTS);

        String first = starter.start(landed("airports/in.csv", "e1", WorkerFixtures.CSV)).runId();
        String second = starter.start(landed("airports/in.csv", "e2", WorkerFixtures.CSV)).runId();

        assertThat(second).isNotEqualTo(first);
        assertThat(opened.get()).isEqualTo(2);
    }

    @Test
    void duplicateTriggerOfARefusedFileIsRefusedWithTheSameRecord() {
        LandedBlob blob = landed("nope/in.csv", "e1", "x".getBytes(StandardCharsets.UTF_8));
        StartOutcome first = starter.start(blob);
        catalog.save("nope", WorkerFixtures.AIRPORTS.replace("\"id\": \"airports\"", "\"id\": \"nope\""));

        StartOutcome again = starter.start(blob);

        assertThat(again).isInstanceOf(StartOutcome.Refused.class);
        assertThat(again.record()).isEqualTo(first.record());
    }
}
