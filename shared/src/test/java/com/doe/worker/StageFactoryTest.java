package com.doe.worker;

import com.doe.chunk.Chunk;
import com.doe.pipeline.Pipeline;
import com.doe.plan.Planner;
import com.doe.plan.Stage;
import com.doe.sink.RecordingSink;
import com.doe.sink.RunContext;
import com.doe.sink.Sink;
import com.doe.sink.SinkFixtures;
import com.doe.sink.SinkResult;
import com.doe.step.StageKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StageFactoryTest {

    @Test
    void loadStageWritesWithTheRunsStartDateNotToday() {
        Pipeline pipeline = SinkFixtures.pipeline("routes",
                "{\"id\": \"files\", \"type\": \"blob\", \"container\": \"curated\"}");
        Stage load = Planner.plan(pipeline).stages().stream()
                .filter(stage -> stage.kind() == StageKind.LOAD).findFirst().orElseThrow();
        List<RunContext> seen = new ArrayList<>();
        RecordingSink recording = new RecordingSink("files", r -> (String) r.record().get("iata"), r -> null);
        LocalDate started = LocalDate.of(2026, 2, 28);
        RunContext run = SinkFixtures.run();
        Chunk chunk = SinkFixtures.chunk(pipeline, run, 0, List.of(SinkFixtures.route("AUS", "Austin", "DFW", 3)));

        ChunkStage stage = StageFactory.load(spec -> new Sink() {
            @Override
            public String stepId() {
                return spec.stepId();
            }

            @Override
            public SinkResult write(RunContext context, Chunk rows) {
                seen.add(context);
                return recording.write(context, rows);
            }
        }, runId -> runId.equals(run.runId()) ? started : null).build(pipeline, load);

        var result = stage.process(chunk);

        assertThat(seen).singleElement().satisfies(context -> {
            assertThat(context.runDate()).isEqualTo(started);
            assertThat(context.runId()).isEqualTo(run.runId());
            assertThat(context.pipelineId()).isEqualTo("routes");
        });
        assertThat(result.output().rows()).hasSize(1);
        assertThat(recording.stored()).containsOnlyKeys("AUS");
    }
}
