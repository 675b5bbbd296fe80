package com.doe.functions.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs that survive what production throws at them, on the test stack through the local host: the
 * host crashing mid-run and the same blob triggering again, and the Kafka broker restarting
 * mid-run ({@code infra/local/doe restart kafka} on the stack named by {@code DOE_STACK}).
 */
class RunResilienceIT extends LocalHostTest {

    private static final Path DOE = Path.of("../infra/local/doe");

    @Test
    void aBlobTriggeredAgainAfterTheHostCrashedMidRunMakesOneRunWithExactSinks() throws Exception {
        String pipelineId = "e2e-crash-" + Ids.unique();
        String label = "E2eMeter" + Ids.unique();
        api.putPipeline(pipelineId, meterPipeline(pipelineId, label, 100));
        stack.drop(pipelineId, "meters.csv", meters(4_000));

        assertThat(api.awaitRunStatus(pipelineId, "Running", Duration.ofSeconds(60)).get("status").asText()).isEqualTo("Running");
        // A crash, then a host with a new identity: its blob receipts are empty, so the same blob
        // (same ETag) triggers IngestBlob a second time, as a duplicate Event Grid delivery would.
        String second = "e2e" + Ids.unique();
        host.crashAndRestart(second);
        Await.until(Duration.ofSeconds(60), "the blob to trigger again on the new host", host,
                () -> host.log().contains("IngestBlob") && host.log().lastIndexOf("IngestBlob") > host.log().lastIndexOf("host ready on"));

        JsonNode run = api.awaitFinalRun(pipelineId, Duration.ofSeconds(120));

        DoeApi.assertCompleted(run, 4_000, 4_000, 0, 0);
        assertThat(api.runs(pipelineId)).hasSize(1);
        assertThat(stack.nodeCount(label)).isEqualTo(4_000);
    }

    @Test
    void aKafkaBrokerRestartMidRunLosesAndDuplicatesNothing() throws Exception {
        String pipelineId = "e2e-broker-" + Ids.unique();
        String label = "E2eMeter" + Ids.unique();
        api.putPipeline(pipelineId, meterPipeline(pipelineId, label, 100));
        stack.drop(pipelineId, "meters.csv", meters(6_000));

        assertThat(api.awaitRunStatus(pipelineId, "Running", Duration.ofSeconds(60)).get("status").asText()).isEqualTo("Running");
        Instant outage = Instant.now();
        restart("kafka");

        JsonNode run = api.awaitFinalRun(pipelineId, Duration.ofMinutes(4));
        assertThat(Instant.parse(run.get("finishedAt").asText())).as("the run was still going when the broker stopped")
                .isAfter(outage);

        DoeApi.assertCompleted(run, 6_000, 6_000, 0, 0);
        assertThat(stack.nodeCount(label)).isEqualTo(6_000);
        List<JsonNode> stages = List.copyOf(run.get("stages").findParents("index"));
        assertThat(stages).allSatisfy(s -> assertThat(s.get("rowsOut").asLong()).isEqualTo(6_000));
    }

    /** A transform stage and a Neo4j load stage over {@code chunkRows}-row chunks. */
    private static String meterPipeline(String id, String label, int chunkRows) {
        return """
                {"id": "%s",
                 "source": {"format": "csv", "schema": {"fields": [
                   {"name": "meter", "type": "long", "required": true}, {"name": "kwh", "type": "double"}]}},
                 "steps": [
                   {"id": "derive", "type": "map", "set": {"mwh": "row.kwh / 1000.0"}},
                   {"id": "graph", "type": "neo4j", "nodes": [{"label": "%s", "key": ["meter"], "properties": ["kwh", "mwh"]}]}],
                 "settings": {"chunkRows": %d, "maxAttempts": 5, "stageTimeout": "PT20S"}}
                """.formatted(id, label, chunkRows);
    }

    private static byte[] meters(int rows) {
        StringBuilder csv = new StringBuilder("meter,kwh\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append(i % 500).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Restarts one service of the test stack through the stack script, as an operator would. */
    private static void restart(String service) throws Exception {
        Process process = new ProcessBuilder(DOE.toString(), "restart", service).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
