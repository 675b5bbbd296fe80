package com.doe.functions;

import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.doe.clients.ServiceClients;
import com.doe.kafka.ProvisionLocalTopics;
import com.doe.settings.AppSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run flow end to end, through the local Functions host serving the packaged app against the
 * test stack ({@code infra/local/doe test}): PUT a pipeline, drop a CSV with bad rows into the
 * landing container, and follow the run to {@code Completed}; then check Neo4j, Cosmos DB, the
 * quarantine and the run record's counts. Also: a run that fails in its load stage, retried with
 * {@code POST /api/runs/{runId}/retry} once the cause is gone, resumes that stage only.
 */
class RunEndToEndIT {

    private static final Path APP = Path.of("target/azure-functions/doe-functions");
    private static final Path HOST = Path.of("../infra/local/host/target");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Process host;
    private static Path hostLog;
    private static int port;
    private static ServiceClients clients;

    @BeforeAll
    static void startHost() throws Exception {
        AppSettings settings = AppSettings.fromEnvironment();
        settings.require("DoeStorage");
        clients = new ServiceClients(settings);
        // The Kafka triggers subscribe at start: the topics must exist first (as `doe up` does).
        ProvisionLocalTopics.ensure(clients.kafka());
        clients.blob().getBlobContainerClient("landing").createIfNotExists();

        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx1g", "-cp", hostClasspath(),
                "com.doe.local.host.LocalHost", "--app", APP.toString(), "--port", Integer.toString(port),
                "--blob-poll-ms", "500", "--host-id", "e2e" + unique()).redirectErrorStream(true);
        builder.environment().put("DurableTaskHubName", "e2e" + unique());
        hostLog = Files.createTempFile("doe-e2e-host", ".log");
        builder.redirectOutput(hostLog.toFile());
        host = builder.start();
        await(Duration.ofSeconds(90), "the local host to be ready (log: " + hostLog + ")",
                () -> log().contains("host ready on"));
    }

    @AfterAll
    static void stopHost() throws Exception {
        if (host != null) {
            host.destroy();
            if (!host.waitFor(20, TimeUnit.SECONDS)) {
                host.destroyForcibly();
            }
        }
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void aDroppedCsvRunsToCompletedWithGoodRowsInTheSinksAndBadRowsInQuarantine() throws Exception {
        String pipelineId = "e2e-" + unique();
        String label = "E2eAirport" + unique();
        String container = "e2e-" + unique();
        String definition = """
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
                """.formatted(pipelineId, label, System.getenv("CosmosDatabase"), container);
        // 9 rows: 4 good (AUS, ORD, SYD, IAH), 1 filtered (MCM, south of -60),
        // 4 rejected (x1 and ZZZZ by the regex, DFW by the range, BOS's latitude is not a number).
        byte[] csv = """
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
                """.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> put = send("PUT", "/api/pipelines/" + pipelineId, definition);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        clients.blob().getBlobContainerClient("landing").getBlobClient(pipelineId + "/file.csv")
                .upload(com.azure.core.util.BinaryData.fromBytes(csv), true);

        JsonNode run = await(Duration.ofSeconds(90), "the run of " + pipelineId + " to finish (host log: " + hostLog + ")",
                () -> {
                    JsonNode runs = JSON.readTree(send("GET", "/api/runs?pipelineId=" + pipelineId, null).body()).get("runs");
                    return runs.size() == 1 && isFinal(runs.get(0).get("status").asText()) ? runs.get(0) : null;
                });

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Completed");
        JsonNode rows = run.get("rows");
        assertThat(rows.get("read").asLong()).isEqualTo(9);
        assertThat(rows.get("written").asLong()).isEqualTo(4);
        assertThat(rows.get("rejected").asLong()).isEqualTo(4);
        assertThat(rows.get("filtered").asLong()).isEqualTo(1);
        assertThat(rows.get("read").asLong()).isEqualTo(rows.get("written").asLong() + rows.get("rejected").asLong()
                + rows.get("filtered").asLong());
        assertThat(send("GET", "/api/runs/" + run.get("runId").asText(), null).statusCode()).isEqualTo(200);

        List<String> graph;
        try (var session = clients.neo4j().session()) {
            graph = session.run("MATCH (a:`" + label + "`) RETURN a.iata AS iata ORDER BY iata")
                    .list(r -> r.get("iata").asString());
        }
        assertThat(graph).containsExactly("AUS", "IAH", "ORD", "SYD");

        List<String> documents = new ArrayList<>();
        clients.cosmos().getDatabase(System.getenv("CosmosDatabase")).getContainer(container)
                .queryItems("SELECT * FROM c", new CosmosQueryRequestOptions(), JsonNode.class)
                .forEach(doc -> documents.add(doc.get("iata").asText()));
        assertThat(new TreeSet<>(documents)).containsExactly("AUS", "IAH", "ORD", "SYD");
        assertThat(documents).hasSize(4);

        BlobContainerClient quarantine = clients.blob().getBlobContainerClient("quarantine");
        List<JsonNode> entries = new ArrayList<>();
        for (BlobItem item : quarantine.listBlobs(new ListBlobsOptions().setPrefix(pipelineId + "/" + run.get("runId").asText() + "/"), null)) {
            String text = quarantine.getBlobClient(item.getName()).downloadContent().toString();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    entries.add(JSON.readTree(line));
                }
            }
        }
        assertThat(entries).hasSize(4);
        assertThat(entries).allSatisfy(e -> assertThat(e.get("reason").asText()).isNotBlank());
        assertThat(entries.stream().map(e -> e.get("rule").asText()).sorted())
                .contains("iata-format", "lat-range");
        assertThat(entries.stream().map(e -> e.at("/source/line").asInt()).sorted().toList())
                .containsExactly(4, 5, 8, 10);
    }

    @Test
    void anInvalidPipelineIsRefusedWithPointersAndAFileForAnUnknownPipelineFailsWithTheReason() throws Exception {
        String pipelineId = "e2e-unknown-" + unique();
        HttpResponse<String> invalid = send("PUT", "/api/pipelines/" + pipelineId, """
                {"source": {"format": "csv", "schema": {"fields": [{"name": "iata", "type": "string"}]}},
                 "steps": [{"id": "checks", "type": "validate", "rules": [{"field": "iata", "check": "rnage"}]},
                           {"id": "derive", "type": "map", "set": {"x": "row.missing + 1"}}]}
                """);

        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode details = JSON.readTree(invalid.body()).at("/error/details");
        assertThat(details.findValuesAsText("path")).contains("/steps/0/rules/0/check", "/steps/1/set/x");

        clients.blob().getBlobContainerClient("landing").getBlobClient(pipelineId + "/file.csv")
                .upload(com.azure.core.util.BinaryData.fromString("iata\nAUS\n"), true);
        JsonNode run = await(Duration.ofSeconds(60), "a run record for the file of unknown pipeline " + pipelineId,
                () -> {
                    JsonNode runs = JSON.readTree(send("GET", "/api/runs?pipelineId=" + pipelineId, null).body()).get("runs");
                    return runs.size() == 1 && isFinal(runs.get(0).get("status").asText()) ? runs.get(0) : null;
                });

        assertThat(run.get("status").asText()).isEqualTo("Failed");
        assertThat(run.get("error").asText()).contains(pipelineId).contains("PUT /api/pipelines/" + pipelineId);
        assertThat(run.at("/source/blob").asText()).isEqualTo(pipelineId + "/file.csv");
        HttpResponse<String> retry = send("POST", "/api/runs/" + run.get("runId").asText() + "/retry", null);
        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(retry.body()).at("/error/message").asText()).contains("upload the file again");
        assertThat(send("POST", "/api/runs/no-such-run/retry", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRunThatFailedInItsLoadStageIsRetriedFromThatStageReusingTheChunksThatWereDone() throws Exception {
        String pipelineId = "e2e-retry-" + unique();
        String container = "e2e-retry-" + unique();
        String definition = """
                {"id": "%s",
                 "source": {"format": "csv", "schema": {"fields": [
                   {"name": "iata", "type": "string", "required": true}, {"name": "name", "type": "string"}]}},
                 "steps": [
                   {"id": "tidy", "type": "clean", "trim": true, "uppercase": ["iata"]},
                   {"id": "files", "type": "blob", "container": "%s", "path": "out", "format": "csv"}],
                 "settings": {"chunkRows": 2, "maxAttempts": 2, "stageTimeout": "PT60S"}}
                """.formatted(pipelineId, container);
        assertThat(send("PUT", "/api/pipelines/" + pipelineId, definition).statusCode()).isEqualTo(201);
        // Chunk 1's file is leased by someone else: writing it fails permanently until the lease is gone.
        BlobContainerClient out = clients.blob().getBlobContainerClient(container);
        out.create();
        out.getBlobClient("out/part-00001.csv").upload(com.azure.core.util.BinaryData.fromString("locked"), true);
        BlobLeaseClient lease = new BlobLeaseClientBuilder().blobClient(out.getBlobClient("out/part-00001.csv")).buildClient();
        lease.acquireLease(-1);

        clients.blob().getBlobContainerClient("landing").getBlobClient(pipelineId + "/file.csv")
                .upload(com.azure.core.util.BinaryData.fromString("iata,name\naus,Austin\nord,Chicago\nsyd,Sydney\n"
                        + "iah,Houston\ndfw,Dallas\nbos,Boston\n"), true);
        JsonNode failed = await(Duration.ofSeconds(90), "the run of " + pipelineId + " to fail in load-2",
                () -> finishedRun(pipelineId));
        assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("Failed");
        assertThat(failed.get("error").asText()).contains("load-2").contains("chunk 1").contains("part-00001.csv");
        String runId = failed.get("runId").asText();
        BlobContainerClient work = clients.blob().getBlobContainerClient("work");
        await(Duration.ofSeconds(60), "chunks 0 and 2 of load-2 to be done", () ->
                work.getBlobClient(runId + "/load-2/_done/00000.json").exists()
                        && work.getBlobClient(runId + "/load-2/_done/00002.json").exists());
        Map<String, String> etagsBefore = etags(out, work, runId);
        lease.releaseLease();

        HttpResponse<String> retry = send("POST", "/api/runs/" + runId + "/retry", null);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(retry.body());
        assertThat(accepted.get("runId").asText()).isEqualTo(runId);
        assertThat(accepted.get("stage").asText()).isEqualTo("load-2");
        assertThat(accepted.get("statusUrl").asText()).isEqualTo("http://127.0.0.1:" + port + "/api/runs/" + runId);
        JsonNode run = await(Duration.ofSeconds(90), "the retried run " + runId + " to finish", () -> {
            JsonNode record = JSON.readTree(send("GET", "/api/runs/" + runId, null).body());
            return isFinal(record.get("status").asText()) ? record : null;
        });
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Completed");
        assertThat(run.get("error").isNull()).isTrue();
        assertThat(run.at("/rows/read").asLong()).isEqualTo(6);
        assertThat(run.at("/rows/written").asLong()).isEqualTo(6);
        assertThat(run.at("/rows/rejected").asLong() + run.at("/rows/filtered").asLong()).isZero();
        assertThat(run.at("/stages/1/attempts").asInt()).as("transform-1 was not run again").isEqualTo(1);
        assertThat(run.at("/stages/2/attempts").asInt()).isEqualTo(2);
        assertThat(run.get("retries")).hasSize(1);
        assertThat(run.at("/retries/0/fromStage").asInt()).isEqualTo(2);
        assertThat(run.at("/retries/0/reason").asText()).isEqualTo(failed.get("error").asText());
        assertThat(etags(out, work, runId)).as("the chunks done before the retry were not written again")
                .isEqualTo(etagsBefore);
        assertThat(out.getBlobClient("out/part-00001.csv").downloadContent().toString()).contains("SYD").contains("IAH");

        HttpResponse<String> again = send("POST", "/api/runs/" + runId + "/retry", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).at("/error/code").asText()).isEqualTo("run_completed");
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

    private static JsonNode finishedRun(String pipelineId) throws Exception {
        JsonNode runs = JSON.readTree(send("GET", "/api/runs?pipelineId=" + pipelineId, null).body()).get("runs");
        return runs.size() == 1 && isFinal(runs.get(0).get("status").asText()) ? runs.get(0) : null;
    }

    private static boolean isFinal(String status) {
        return status.equals("Completed") || status.equals("Failed") || status.equals("Cancelled");
    }

    private static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The local host's jar and class path, as `doe up` runs it; built by the host module's package. */
    private static String hostClasspath() throws IOException {
        Path classpath = HOST.resolve("classpath.txt");
        Path jar;
        try (Stream<Path> files = Files.list(HOST)) {
            jar = files.filter(p -> p.getFileName().toString().matches("doe-local-host-.*\\.jar")).findFirst().orElse(null);
        } catch (java.nio.file.NoSuchFileException e) {
            jar = null;
        }
        if (jar == null || !Files.exists(classpath)) {
            throw new IllegalStateException("The local Functions host is not built; run "
                    + "`mvn -q -DskipTests package -pl infra/local/host -am` first (doe up and a full build do).");
        }
        return jar.toAbsolutePath() + java.io.File.pathSeparator + Files.readString(classpath).trim();
    }

    private static String log() {
        try {
            return Files.readString(hostLog);
        } catch (IOException e) {
            return "";
        }
    }

    @FunctionalInterface
    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(Duration timeout, String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (host != null && !host.isAlive()) {
                throw new AssertionError("the local host exited while waiting for " + what + ":\n" + log());
            }
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                String text = log();
                throw new AssertionError("timed out waiting for " + what + "; host log tail:\n"
                        + text.substring(Math.max(0, text.length() - 6000)));
            }
            Thread.sleep(500);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
