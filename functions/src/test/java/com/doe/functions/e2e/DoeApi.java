package com.doe.functions.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** DOE's HTTP API as a user calls it, on a local host. */
final class DoeApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LocalHostProcess host;

    DoeApi(LocalHostProcess host) {
        this.host = host;
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** PUTs a pipeline definition and checks it was accepted. */
    void putPipeline(String id, String definition) throws Exception {
        HttpResponse<String> put = send("PUT", "/api/pipelines/" + id, definition);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    /** The runs of a pipeline, newest first. */
    JsonNode runs(String pipelineId) throws Exception {
        HttpResponse<String> response = send("GET", "/api/runs?pipelineId=" + pipelineId, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("runs");
    }

    JsonNode run(String runId) throws Exception {
        HttpResponse<String> response = send("GET", "/api/runs/" + runId, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Waits for the pipeline's only run to reach a final status, and returns its record. */
    JsonNode awaitFinalRun(String pipelineId, Duration timeout) throws Exception {
        return Await.until(timeout, "the run of " + pipelineId + " to finish (host log: " + host.logFile() + ")", host, () -> {
            JsonNode runs = runs(pipelineId);
            return runs.size() == 1 && isFinal(runs.get(0).get("status").asText()) ? runs.get(0) : null;
        });
    }

    /** Waits for the pipeline's only run to reach {@code status} or a final one, and returns its record. */
    JsonNode awaitRunStatus(String pipelineId, String status, Duration timeout) throws Exception {
        return Await.until(timeout, "the run of " + pipelineId + " to be " + status, host, () -> {
            JsonNode runs = runs(pipelineId);
            if (runs.size() != 1) {
                return null;
            }
            String now = runs.get(0).get("status").asText();
            return now.equals(status) || isFinal(now) ? runs.get(0) : null;
        });
    }

    static boolean isFinal(String status) {
        return status.equals("Completed") || status.equals("Failed") || status.equals("Cancelled");
    }

    /** Checks the run ended Completed with exactly these counts, which add up. */
    static void assertCompleted(JsonNode run, long read, long written, long rejected, long filtered) {
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("Completed");
        JsonNode rows = run.get("rows");
        assertThat(rows.get("read").asLong()).as("read").isEqualTo(read);
        assertThat(rows.get("written").asLong()).as("written").isEqualTo(written);
        assertThat(rows.get("rejected").asLong()).as("rejected").isEqualTo(rejected);
        assertThat(rows.get("filtered").asLong()).as("filtered").isEqualTo(filtered);
        assertThat(read).isEqualTo(written + rejected + filtered);
    }
}
