package com.doe.bench;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.doe.run.RunIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Drives runs of a running local stack the way a user does: PUT a pipeline over HTTP, upload a
 * file to {@code landing/{pipelineId}/...}, and poll {@code GET /api/runs/{runId}} until the run is
 * final. Not thread-safe (one run at a time).
 */
final class FlowClient {

    /** A dropped file: its run id, and when the upload started and ended (wall clock and nanos). */
    record Drop(String runId, String blob, Instant startedAt, long startNanos, long uploadNanos) {
    }

    /** A final run record and when it was first seen final. */
    record Finished(JsonNode record, long seenNanos, int polls) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlobContainerClient landing;
    private final Duration pollEvery;

    FlowClient(String baseUrl, BlobServiceClient blob, Duration pollEvery) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.landing = blob.getBlobContainerClient("landing");
        this.pollEvery = pollEvery;
        landing.createIfNotExists();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** PUT the definition; fails unless the host stored it (or had it already). */
    void putPipeline(String id, String definition) throws IOException, InterruptedException {
        HttpResponse<String> put = send("PUT", "/api/pipelines/" + id, definition);
        if (put.statusCode() != 200 && put.statusCode() != 201) {
            throw new IllegalStateException("PUT /api/pipelines/" + id + " answered " + put.statusCode() + ": " + put.body());
        }
    }

    /** Uploads {@code content} as {@code landing/{pipelineId}/{name}}: this starts a run. */
    Drop drop(String pipelineId, String name, byte[] content) {
        String blob = pipelineId + "/" + name;
        Instant started = Instant.now();
        long start = System.nanoTime();
        var client = landing.getBlobClient(blob);
        client.upload(BinaryData.fromBytes(content), false);
        long uploaded = System.nanoTime() - start;
        // The ETag as the ingest function reads it, so the run id is the one the function derives.
        String etag = client.getProperties().getETag();
        return new Drop(RunIds.of(pipelineId, blob, etag), blob, started, start, uploaded);
    }

    /** Polls the run record until its status is final. */
    Finished awaitFinal(String runId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int polls = 0;
        while (true) {
            HttpResponse<String> got = send("GET", "/api/runs/" + runId, null);
            long seen = System.nanoTime();
            polls++;
            if (got.statusCode() == 200) {
                JsonNode record = JSON.readTree(got.body());
                String status = record.path("status").asText();
                if (status.equals("Completed") || status.equals("Failed") || status.equals("Cancelled")) {
                    return new Finished(record, seen, polls);
                }
            } else if (got.statusCode() != 404) {
                throw new IllegalStateException("GET /api/runs/" + runId + " answered " + got.statusCode() + ": " + got.body());
            }
            if (seen > deadline) {
                throw new IllegalStateException("run " + runId + " did not finish within " + timeout
                        + "; see infra/local/doe logs host");
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }

    /**
     * Deletes a finished run's landed file, so that repeated benchmark runs do not grow the landing
     * container (the trigger lists it on every poll, in time proportional to its blobs).
     */
    void removeLanded(Drop drop) {
        landing.getBlobClient(drop.blob()).deleteIfExists();
    }

    /** One {@code GET /api/runs/{runId}}: the cost of observing a run. */
    long getRunNanos(String runId) throws IOException, InterruptedException {
        long start = System.nanoTime();
        send("GET", "/api/runs/" + runId, null);
        return System.nanoTime() - start;
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
