package com.doe.functions.e2e;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run flow end to end, through the local Functions host serving the packaged app against the
 * test stack ({@code infra/local/doe test}): a user PUTs a pipeline, drops a file into the landing
 * container and follows the run; the tests then check Neo4j, Cosmos DB, the quarantine, the sinks'
 * files and the run record's counts. Host restarts and a broker outage are in {@link RunResilienceIT}.
 */
class RunEndToEndIT extends LocalHostTest {

    @Test
    void aDroppedCsvRunsToCompletedWithGoodRowsInTheSinksAndBadRowsInQuarantine() throws Exception {
        String pipelineId = "e2e-" + Ids.unique();
        String label = "E2eAirport" + Ids.unique();
        String container = "e2e-" + Ids.unique();
        api.putPipeline(pipelineId, """
                {"id": "%s",
                 "source": {"format": "csv", "schema": {"fields": [
                   {"name": "iata", "type": "string", "required": true},
                   {"name": "name", "type": "string"},
                   {"name": "latitude", "type": "double"}]}},
                 "steps": [
                   {"id": "tidy", "type": "clean", "trim": true, "uppercase": ["iata"]},
                   {"id": "checks", "type": "validate", "onFail": "quarantine", "rules": [
                     {"id": "iata-format", "field": "iata", "check": "regex", "pattern": "^[A-Z]{3}$"},
                     {"id": "lat-range", "field": "latitude", "check": "range", "min": -90, "max": 90}]},
                   {"id": "derive", "type": "map", "set": {"hemisphere": "row.latitude > 0.0 ? 'north' : 'south'"},
                    "filter": "row.latitude > -60.0"},
                   {"id": "graph", "type": "neo4j",
                    "nodes": [{"label": "%s", "key": ["iata"], "properties": ["name", "latitude", "hemisphere"]}]},
                   {"id": "docs", "type": "cosmos", "database": "%s", "container": "%s",
                    "idFields": ["iata"], "partitionKey": "iata"}],
                 "settings": {"chunkRows": 3, "maxAttempts": 3, "stageTimeout": "PT60S"}}
                """.formatted(pipelineId, label, TestStack.cosmosDatabase(), container));
        // 9 rows: 4 good (AUS, ORD, SYD, IAH), 1 filtered (MCM, south of -60),
        // 4 rejected (x1 and ZZZZ by the regex, DFW by the range, BOS's latitude is not a number).
        stack.drop(pipelineId, "file.csv", """
                iata,name,latitude
                aus, Austin ,30.19
                ORD,Chicago,41.97
                x1,Bad code,40.0
                DFW,Dallas,95
                SYD,Sydney,-33.9
                MCM,McMurdo,-77.8
                BOS,Boston,north
                IAH,Houston,29.98
                ZZZZ,Too long,10
                """.getBytes(StandardCharsets.UTF_8));

        JsonNode run = api.awaitFinalRun(pipelineId, Duration.ofSeconds(90));

        DoeApi.assertCompleted(run, 9, 4, 4, 1);
        assertThat(api.run(run.get("runId").asText()).get("status").asText()).isEqualTo("Completed");
        assertThat(stack.nodeKeys(label, "iata")).containsExactly("AUS", "IAH", "ORD", "SYD");
        List<String> documents = stack.documents(container).stream().map(d -> d.get("iata").asText()).toList();
        assertThat(documents).hasSize(4);
        assertThat(new TreeSet<>(documents)).containsExactly("AUS", "IAH", "ORD", "SYD");

        List<JsonNode> entries = stack.quarantine(pipelineId, run.get("runId").asText());
        assertThat(entries).hasSize(4);
        assertThat(entries).allSatisfy(e -> assertThat(e.get("reason").asText()).isNotBlank());
        assertThat(entries.stream().map(e -> e.get("rule").asText()).sorted()).contains("iata-format", "lat-range");
        assertThat(entries.stream().map(e -> e.at("/source/line").asInt()).sorted().toList()).containsExactly(4, 5, 8, 10);
    }

    @Test
    void anInvalidPipelineIsRefusedWithPointersAndAFileForAnUnknownPipelineFailsWithTheReason() throws Exception {
        String pipelineId = "e2e-unknown-" + Ids.unique();
        HttpResponse<String> invalid = api.send("PUT", "/api/pipelines/" + pipelineId, """
                {"source": {"format": "csv", "schema": {"fields": [{"name": "iata", "type": "string"}]}},
                 "steps": [{"id": "checks", "type": "validate", "rules": [{"field": "iata", "check": "rnage"}]},
                           {"id": "derive", "type": "map", "set": {"x": "row.missing + 1"}}]}
                """);

        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode details = DoeApi.JSON.readTree(invalid.body()).at("/error/details");
        assertThat(details.findValuesAsText("path")).contains("/steps/0/rules/0/check", "/steps/1/set/x");

        stack.drop(pipelineId, "file.csv", "iata\nAUS\n".getBytes(StandardCharsets.UTF_8));
        JsonNode run = api.awaitFinalRun(pipelineId, Duration.ofSeconds(60));

        assertThat(run.get("status").asText()).isEqualTo("Failed");
        assertThat(run.get("error").asText()).contains(pipelineId).contains("PUT /api/pipelines/" + pipelineId);
        assertThat(run.at("/source/blob").asText()).isEqualTo(pipelineId + "/file.csv");
        HttpResponse<String> retry = api.send("POST", "/api/runs/" + run.get("runId").asText() + "/retry", null);
        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(DoeApi.JSON.readTree(retry.body()).at("/error/message").asText()).contains("upload the file again");
        assertThat(api.send("POST", "/api/runs/no-such-run/retry", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRunThatFailedInItsLoadStageIsRetriedFromThatStageReusingTheChunksThatWereDone() throws Exception {
        String pipelineId = "e2e-retry-" + Ids.unique();
        String container = "e2e-retry-" + Ids.unique();
        api.putPipeline(pipelineId, """
                {"id": "%s",
                 "source": {"format": "csv", "schema": {"fields": [
                   {"name": "iata", "type": "string", "required": true}, {"name": "name", "type": "string"}]}},
                 "steps": [
                   {"id": "tidy", "type": "clean", "trim": true, "uppercase": ["iata"]},
                   {"id": "files", "type": "blob", "container": "%s", "path": "out", "format": "csv"}],
                 "settings": {"chunkRows": 2, "maxAttempts": 2, "stageTimeout": "PT60S"}}
                """.formatted(pipelineId, container));
        // Chunk 1's file is leased by someone else: writing it fails permanently until the lease is gone.
        BlobContainerClient out = stack.clients.blob().getBlobContainerClient(container);
        out.create();
        out.getBlobClient("out/part-00001.csv").upload(BinaryData.fromString("locked"), true);
        BlobLeaseClient lease = new BlobLeaseClientBuilder().blobClient(out.getBlobClient("out/part-00001.csv")).buildClient();
        lease.acquireLease(-1);

        stack.drop(pipelineId, "file.csv", "iata,name\naus,Austin\nord,Chicago\nsyd,Sydney\niah,Houston\ndfw,Dallas\nbos,Boston\n"
                .getBytes(StandardCharsets.UTF_8));
        JsonNode failed = api.awaitFinalRun(pipelineId, Duration.ofSeconds(90));
        assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("Failed");
        assertThat(failed.get("error").asText()).contains("load-2").contains("chunk 1").contains("part-00001.csv");
        String runId = failed.get("runId").asText();
        BlobContainerClient work = stack.clients.blob().getBlobContainerClient("work");
        Await.until(Duration.ofSeconds(60), "chunks 0 and 2 of load-2 to be done", host, () ->
                work.getBlobClient(runId + "/load-2/_done/00000.json").exists()
                        && work.getBlobClient(runId + "/load-2/_done/00002.json").exists());
        Map<String, String> etagsBefore = etags(out, work, runId);
        lease.releaseLease();

        HttpResponse<String> retry = api.send("POST", "/api/runs/" + runId + "/retry", null);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        JsonNode accepted = DoeApi.JSON.readTree(retry.body());
        assertThat(accepted.get("runId").asText()).isEqualTo(runId);
        assertThat(accepted.get("stage").asText()).isEqualTo("load-2");
        assertThat(accepted.get("statusUrl").asText()).isEqualTo("http://127.0.0.1:" + host.port() + "/api/runs/" + runId);
        JsonNode run = Await.until(Duration.ofSeconds(90), "the retried run " + runId + " to finish", host, () -> {
            JsonNode record = api.run(runId);
            return DoeApi.isFinal(record.get("status").asText()) ? record : null;
        });
        DoeApi.assertCompleted(run, 6, 6, 0, 0);
        assertThat(run.get("error").isNull()).isTrue();
        assertThat(run.at("/stages/1/attempts").asInt()).as("transform-1 was not run again").isEqualTo(1);
        assertThat(run.at("/stages/2/attempts").asInt()).isEqualTo(2);
        assertThat(run.get("retries")).hasSize(1);
        assertThat(run.at("/retries/0/fromStage").asInt()).isEqualTo(2);
        assertThat(run.at("/retries/0/reason").asText()).isEqualTo(failed.get("error").asText());
        assertThat(etags(out, work, runId)).as("the chunks done before the retry were not written again")
                .isEqualTo(etagsBefore);
        assertThat(out.getBlobClient("out/part-00001.csv").downloadContent().toString()).contains("SYD").contains("IAH");

        HttpResponse<String> again = api.send("POST", "/api/runs/" + runId + "/retry", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(DoeApi.JSON.readTree(again.body()).at("/error/code").asText()).isEqualTo("run_completed");
    }

    /** ETags of the files of chunks 0 and 2 and of every transform-1 chunk. */
    private static Map<String, String> etags(BlobContainerClient out, BlobContainerClient work, String runId) {
        Map<String, String> etags = new TreeMap<>();
        for (String name : List.of("out/part-00000.csv", "out/part-00002.csv")) {
            etags.put(name, out.getBlobClient(name).getProperties().getETag());
        }
        for (BlobItem item : work.listBlobs(new ListBlobsOptions().setPrefix(runId + "/transform-1/"), null)) {
            etags.put(item.getName(), item.getProperties().getETag());
        }
        assertThat(etags).hasSizeGreaterThanOrEqualTo(5);
        return etags;
    }

    @Test
    void aFileThatIsNotInThePipelinesFormatFailsItsRunNamingTheFileAndIsSetAside() throws Exception {
        String pipelineId = "e2e-parquet-" + Ids.unique();
        api.putPipeline(pipelineId, """
                {"id": "%s", "source": {"format": "parquet", "schema": {"fields": [{"name": "meter", "type": "long"}]}},
                 "steps": [{"id": "tidy", "type": "clean", "trim": true}]}
                """.formatted(pipelineId));

        stack.drop(pipelineId, "readings.parquet", "meter,kwh\n1,2\n".getBytes(StandardCharsets.UTF_8));
        JsonNode run = api.awaitFinalRun(pipelineId, Duration.ofSeconds(60));

        assertThat(run.get("status").asText()).isEqualTo("Failed");
        assertThat(run.get("error").asText()).contains(pipelineId + "/readings.parquet").containsIgnoringCase("parquet");
        Await.until(Duration.ofSeconds(30), "the file to be set aside in landing-rejected", host,
                () -> stack.clients.blob().getBlobContainerClient("landing-rejected")
                        .getBlobClient("landing/" + pipelineId + "/readings.parquet").exists());
        assertThat(stack.clients.blob().getBlobContainerClient("landing").getBlobClient(pipelineId + "/readings.parquet").exists())
                .as("moved, not copied").isFalse();
    }

    @Test
    void aStageThatFailsRetryablyOnItsFirstAttemptIsRetriedAndTheRunCompletes() throws Exception {
        // A real HTTP enrichment service that is unavailable for its first call: the chunk that makes
        // it fails with a retryable error (onError "fail", no in-step retries), and the orchestrator
        // sends that chunk again after its backoff.
        AtomicInteger unavailable = new AtomicInteger(1);
        AtomicInteger calls = new AtomicInteger();
        HttpServer zones = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        zones.createContext("/zones/", exchange -> {
            calls.incrementAndGet();
            String code = exchange.getRequestURI().getPath().substring("/zones/".length());
            boolean fail = unavailable.getAndDecrement() > 0;
            byte[] body = (fail ? "{\"error\":\"warming up\"}" : "{\"zone\":\"Z-" + code + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        zones.start();
        try {
            String pipelineId = "e2e-retry-" + Ids.unique();
            String label = "E2eSite" + Ids.unique();
            String container = "e2e-" + Ids.unique();
            api.putPipeline(pipelineId, """
                    {"id": "%s",
                     "source": {"format": "csv", "schema": {"fields": [
                       {"name": "site", "type": "string", "required": true}, {"name": "mw", "type": "double"}]}},
                     "steps": [
                       {"id": "zone", "type": "enrich", "http": {"url": "http://127.0.0.1:%d/zones/{site}",
                        "fields": {"zone": "$.zone"}, "timeout": "PT2S", "retries": 0, "onError": "fail"}},
                       {"id": "graph", "type": "neo4j", "nodes": [{"label": "%s", "key": ["site"], "properties": ["mw", "zone"]}]},
                       {"id": "docs", "type": "cosmos", "database": "%s", "container": "%s", "idFields": ["site"]}],
                     "settings": {"chunkRows": 2, "maxAttempts": 3, "stageTimeout": "PT60S"}}
                    """.formatted(pipelineId, zones.getAddress().getPort(), label, TestStack.cosmosDatabase(), container));

            stack.drop(pipelineId, "plants.csv", "site,mw\nS1,10\nS2,20\nS3,30\nS4,40\n".getBytes(StandardCharsets.UTF_8));
            JsonNode run = api.awaitFinalRun(pipelineId, Duration.ofSeconds(120));

            DoeApi.assertCompleted(run, 4, 4, 0, 0);
            JsonNode enrichStage = run.get("stages").get(1);
            assertThat(enrichStage.get("kind").asText()).isEqualTo("transform");
            assertThat(enrichStage.get("attempts").asInt()).as(run.toString()).isEqualTo(2);
            assertThat(unavailable.get()).as("the service's outage was hit").isNegative();
            try (var session = stack.clients.neo4j().session()) {
                assertThat(session.run("MATCH (s:`" + label + "`) RETURN s.site + '=' + s.zone AS z ORDER BY z")
                        .list(r -> r.get("z").asString()))
                        .containsExactly("S1=Z-S1", "S2=Z-S2", "S3=Z-S3", "S4=Z-S4");
            }
            assertThat(stack.documents(container)).hasSize(4)
                    .allSatisfy(d -> assertThat(d.get("zone").asText()).isEqualTo("Z-" + d.get("site").asText()));
        } finally {
            zones.stop(0);
        }
    }

    @Test
    void aPipelineThatTrainsThenScoresTrainsOnceOnEveryChunkAndScoresWithThatVersion() throws Exception {
        String pipelineId = "e2e-ml-" + Ids.unique();
        String model = "e2e-churn-" + Ids.unique();
        String out = "e2e-" + Ids.unique();
        api.putPipeline(pipelineId, """
                {"id": "%s",
                 "source": {"format": "csv", "schema": {"fields": [
                   {"name": "customer", "type": "long"}, {"name": "tenure", "type": "double"},
                   {"name": "spend", "type": "double"}, {"name": "churned", "type": "string"}]}},
                 "steps": [
                   {"id": "learn", "type": "train", "model": "%s", "task": "classification",
                    "features": {"numeric": ["tenure", "spend"]}, "target": "churned", "epochs": 20},
                   {"id": "predict", "type": "score", "model": "%s", "output": {"label": "predicted", "score": "p"}},
                   {"id": "files", "type": "blob", "container": "%s", "path": "{runId}/scored", "format": "jsonl"}],
                 "settings": {"chunkRows": 100, "maxAttempts": 3, "stageTimeout": "PT2M"}}
                """.formatted(pipelineId, model, model, out));
        // 600 customers in 6 chunks; short tenure with high spend churns.
        StringBuilder csv = new StringBuilder("customer,tenure,spend,churned\n");
        for (int i = 0; i < 600; i++) {
            double tenure = (i * 37) % 60;
            double spend = 20 + (i * 53) % 80;
            csv.append(i).append(',').append(tenure).append(',').append(spend).append(',')
                    .append(spend - tenure > 30 ? "yes" : "no").append('\n');
        }
        stack.drop(pipelineId, "customers.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        JsonNode run = api.awaitFinalRun(pipelineId, Duration.ofMinutes(3));

        DoeApi.assertCompleted(run, 600, 600, 0, 0);
        JsonNode train = run.at("/stages/1");
        assertThat(train.get("steps").toString()).contains("learn");
        assertThat(train.get("chunks").asInt()).as("one task over every chunk").isEqualTo(6);
        JsonNode used = run.get("models");
        assertThat(used.findValuesAsText("use")).containsExactlyInAnyOrder("train", "score");
        assertThat(used.findValues("version").stream().map(JsonNode::asInt).distinct().toList())
                .as("the score step uses the version this run trained").containsExactly(1);

        JsonNode versions = DoeApi.JSON.readTree(api.send("GET", "/api/models/" + model, null).body()).get("versions");
        assertThat(versions).as("exactly one version per run").hasSize(1);
        assertThat(versions.get(0).at("/training/rows/read").asLong()).isEqualTo(600);
        assertThat(versions.get(0).at("/training/runId").asText()).isEqualTo(run.get("runId").asText());

        List<JsonNode> scored = stack.jsonLines(out, run.get("runId").asText() + "/scored/");
        assertThat(scored).hasSize(600);
        long right = scored.stream().filter(r -> r.get("predicted").asText().equals(r.get("churned").asText())).count();
        assertThat(right).as("a linearly separable target is learned").isGreaterThan(540);
    }

    @Test
    void aHalfMillionRowFileInFiftyChunksCompletesWithExactCounts() throws Exception {
        String pipelineId = "e2e-big-" + Ids.unique();
        String out = "e2e-" + Ids.unique();
        api.putPipeline(pipelineId, """
                {"id": "%s",
                 "source": {"format": "csv", "schema": {"fields": [
                   {"name": "meter", "type": "long", "required": true}, {"name": "kwh", "type": "double"},
                   {"name": "site", "type": "string"}]}},
                 "steps": [
                   {"id": "tidy", "type": "clean", "trim": true, "uppercase": ["site"]},
                   {"id": "checks", "type": "validate", "rules": [{"id": "kwh-range", "field": "kwh", "check": "range", "min": 0}]},
                   {"id": "raw", "type": "blob", "container": "%s", "path": "{runId}/checked", "format": "jsonl"},
                   {"id": "derive", "type": "map", "set": {"mwh": "row.kwh / 1000.0"}, "filter": "row.site != 'TEST'"},
                   {"id": "curated", "type": "blob", "container": "%s", "path": "{runId}/curated", "format": "jsonl"}],
                 "settings": {"chunkRows": 10000, "maxAttempts": 3, "stageTimeout": "PT5M"}}
                """.formatted(pipelineId, out, out));
        // 500,000 rows: every 1000th has a negative reading (rejected), every 250th is a TEST site
        // (filtered after the first sink) unless it is also rejected.
        StringBuilder csv = new StringBuilder(16_000_000).append("meter,kwh,site\n");
        long rejected = 0;
        long filtered = 0;
        for (int i = 0; i < 500_000; i++) {
            boolean negative = i % 1000 == 0;
            boolean test = i % 250 == 0;
            rejected += negative ? 1 : 0;
            filtered += test && !negative ? 1 : 0;
            csv.append(i).append(',').append(negative ? "-1.5" : Integer.toString(i % 977)).append(',')
                    .append(test ? " test " : " plant-" + (i % 7)).append('\n');
        }
        stack.drop(pipelineId, "meters.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        JsonNode run = api.awaitFinalRun(pipelineId, Duration.ofMinutes(5));

        long written = 500_000 - rejected - filtered;
        DoeApi.assertCompleted(run, 500_000, written, rejected, filtered);
        assertThat(run.get("stages")).as("ingest and four stages").hasSize(5);
        assertThat(run.get("stages")).allSatisfy(stage -> assertThat(stage.get("chunks").asInt()).isEqualTo(50));
        String runId = run.get("runId").asText();
        List<JsonNode> checked = stack.jsonLines(out, runId + "/checked/");
        List<JsonNode> curated = stack.jsonLines(out, runId + "/curated/");
        assertThat(checked).hasSize((int) (500_000 - rejected));
        assertThat(curated).hasSize((int) written);
        assertThat(curated.stream().mapToLong(r -> r.get("meter").asLong()).distinct().count()).isEqualTo(written);
        assertThat(stack.quarantine(pipelineId, runId)).hasSize((int) rejected);
    }
}
