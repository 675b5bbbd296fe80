package com.doe.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.InMemoryChunkStore;
import com.doe.chunk.SourcedRecord;
import com.doe.pipeline.Pipeline;
import com.doe.quarantine.InMemoryQuarantineSink;
import com.doe.quarantine.QuarantineEntry;
import com.doe.sink.RecordingSink;
import com.doe.sink.RunContext;
import com.doe.sink.SinkFixtures;
import com.doe.sink.SinkStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadStageTest {

    private final Pipeline pipeline = SinkFixtures.pipeline("routes",
            "{\"id\": \"files\", \"type\": \"blob\", \"container\": \"curated\"}",
            "{\"id\": \"stream\", \"type\": \"kafka\", \"topic\": \"doe.routes\", \"key\": [\"iata\"]}");
    private final Map<String, RecordingSink> sinks = new HashMap<>();
    private final LoadStage stage = SinkFixtures.loadStage(pipeline, spec -> sinks.computeIfAbsent(spec.stepId(),
            id -> new RecordingSink(id, r -> (String) r.record().get("iata"),
                    r -> id.equals("files") && "BAD".equals(r.record().get("iata")) ? "the file sink refuses BAD" : null)));
    private final RunContext run = SinkFixtures.run();

    @Test
    void plannerPutsConsecutiveSinksIntoOneLoadStage() {
        assertThat(stage.stage().steps()).containsExactly(0, 1);
        assertThat(stage.stage().inputStage()).isEqualTo(Plan.INGEST);
    }

    @Test
    void passesRecordsUnchangedThroughEverySinkInOrder() {
        Chunk in = SinkFixtures.chunk(pipeline, run, 0, List.of(
                SinkFixtures.route("AUS", "Austin", "DFW", 3), SinkFixtures.route("DFW", "Dallas", "AUS", 4)));

        LoadStage.Result r = stage.process(run, in);

        assertThat(sinks.get("files").stored()).containsOnlyKeys("AUS", "DFW");
        assertThat(sinks.get("stream").stored().get("AUS")).isSameAs(in.rows().get(0));
        assertThat(r.stage().output().rows()).containsExactlyElementsOf(in.rows());
        assertThat(r.stage().output().id()).isEqualTo(new ChunkId(run.runId(), "load-1", 0));
        assertThat(r.stage().rejected()).isEmpty();
        assertThat(r.sinks()).extracting(SinkStats::stepId).containsExactly("files", "stream");
        assertThat(r.sinks()).extracting(SinkStats::rowsWritten).containsExactly(2L, 2L);
    }

    @Test
    void rowRefusedByASinkIsQuarantinedWithItsReasonAndSkipsLaterSinks() {
        Chunk in = SinkFixtures.chunk(pipeline, run, 0, List.of(
                SinkFixtures.route("AUS", "Austin", "DFW", 3), SinkFixtures.route("BAD", "Bad", "AUS", 1)));

        LoadStage.Result r = stage.process(run, in);

        assertThat(r.stage().rejected()).hasSize(1);
        QuarantineEntry e = r.stage().rejected().get(0);
        assertThat(e.step()).isEqualTo("files");
        assertThat(e.reason()).isEqualTo("the file sink refuses BAD");
        assertThat(e.source().line()).isEqualTo(3L);
        assertThat(e.row()).containsEntry("iata", "BAD").containsEntry("count", 1L);
        assertThat(sinks.get("stream").stored()).containsOnlyKeys("AUS");
        assertThat(r.stage().output().rows()).extracting(SourcedRecord::record)
                .extracting(rec -> rec.get("iata")).containsExactly("AUS");
        assertThat(r.stage().stats().isBalanced()).isTrue();
        assertThat(r.stage().stats().rejected()).isEqualTo(1);
        assertThat(r.stage().stats().steps().get(0).ruleFailures()).containsEntry("refused", 1L);
        assertThat(r.stage().stats().steps().get(1).rowsIn()).isEqualTo(1);
    }

    @Test
    void runningAChunkTwiceRewritesTheSameOutputAndQuarantineBatch() {
        InMemoryChunkStore chunks = new InMemoryChunkStore();
        InMemoryQuarantineSink quarantine = new InMemoryQuarantineSink();
        chunks.write(SinkFixtures.chunk(pipeline, run, 4, List.of(
                SinkFixtures.route("AUS", "Austin", "DFW", 3), SinkFixtures.route("BAD", "Bad", "AUS", 1))));

        stage.run(run, 4, chunks, quarantine);
        byte[] first = chunks.bytes(new ChunkId(run.runId(), "load-1", 4));
        stage.run(run, 4, chunks, quarantine);

        assertThat(chunks.bytes(new ChunkId(run.runId(), "load-1", 4))).isEqualTo(first);
        assertThat(quarantine.batchNames()).containsExactly("routes/" + run.runId() + "/load-1/00004");
        assertThat(quarantine.entries()).hasSize(1);
        assertThat(sinks.get("stream").deliveries()).hasSize(2);
        assertThat(sinks.get("stream").stored()).hasSize(1);
    }
}
