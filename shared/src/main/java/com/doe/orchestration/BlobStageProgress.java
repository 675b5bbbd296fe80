package com.doe.orchestration;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.doe.DoeException;
import com.doe.RetryableException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;

/**
 * {@link StageProgress} in the {@code work} container, next to the stage's chunks:
 * {@code {runId}/{stage}/_done/{chunk}.json} holds the chunk's {@link StageTotals},
 * {@code {runId}/{stage}/_failed/{chunk}.{attempt}.json} the {@link ChunkFailure}. Chunk numbers are
 * zero-padded to 5 digits like chunk files ({@code -0001} for a whole-run task).
 *
 * <p>Every marker is created with {@code If-None-Match: *}: the first writer wins, a later or
 * concurrent writer of the same marker gets 409/412 and is told {@code false}. Listings read by
 * prefix; {@link #doneChunks} reads names only, {@link #done} and {@link #failures} then read the
 * markers up to {@value #READ_CONCURRENCY} at a time (a stage of 100 chunks is 100 small reads,
 * which one after the other would take most of the time between a stage's last chunk and the
 * next stage). Storage failures that may pass (5xx, throttling, timeouts, I/O) are
 * {@link RetryableException}s. Thread-safe (the Blob clients are).
 */
public final class BlobStageProgress implements StageProgress {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DONE = "_done/";
    private static final String FAILED = "_failed/";

    private static final int READ_CONCURRENCY = 16;

    private final BlobContainerClient container;
    private final BlobContainerAsyncClient reads;

    /** @param container the {@code work} container; created on the first write if missing */
    public BlobStageProgress(BlobContainerClient container) {
        this.container = container;
        this.reads = new BlobContainerClientBuilder().endpoint(container.getBlobContainerUrl())
                .pipeline(container.getHttpPipeline()).serviceVersion(container.getServiceVersion()).buildAsyncClient();
    }

    @Override
    public boolean markDone(String runId, String stage, int chunk, StageTotals totals) {
        return create(prefix(runId, stage) + DONE + number(chunk) + ".json", totals);
    }

    @Override
    public boolean markFailed(String runId, String stage, ChunkFailure failure) {
        return create(prefix(runId, stage) + FAILED + number(failure.chunk()) + "." + failure.attempt() + ".json",
                failure);
    }

    @Override
    public Set<Integer> doneChunks(String runId, String stage) {
        String dir = prefix(runId, stage) + DONE;
        Set<Integer> out = new TreeSet<>();
        for (String name : names(dir)) {
            out.add(Integer.parseInt(name.substring(dir.length(), name.length() - ".json".length())));
        }
        return out;
    }

    @Override
    public Map<Integer, StageTotals> done(String runId, String stage) {
        String dir = prefix(runId, stage) + DONE;
        Map<Integer, StageTotals> out = new TreeMap<>();
        readAll(names(dir), StageTotals.class).forEach((name, totals) ->
                out.put(Integer.parseInt(name.substring(dir.length(), name.length() - ".json".length())), totals));
        return out;
    }

    @Override
    public List<ChunkFailure> failures(String runId, String stage) {
        List<ChunkFailure> out = new ArrayList<>(readAll(names(prefix(runId, stage) + FAILED), ChunkFailure.class).values());
        out.sort(Comparator.comparingInt(ChunkFailure::chunk).thenComparingInt(ChunkFailure::attempt));
        return out;
    }

    private boolean create(String name, Object marker) {
        BinaryData body;
        try {
            body = BinaryData.fromBytes(JSON.writeValueAsBytes(marker));
        } catch (IOException e) {
            throw new IllegalStateException("progress markers are plain records", e);
        }
        BlockBlobSimpleUploadOptions options = new BlockBlobSimpleUploadOptions(body)
                .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*"));
        for (int attempt = 0; ; attempt++) {
            try {
                container.getBlobClient(name).getBlockBlobClient().uploadWithResponse(options, null, null);
                return true;
            } catch (BlobStorageException e) {
                if (e.getErrorCode() == BlobErrorCode.CONTAINER_NOT_FOUND && attempt == 0) {
                    container.createIfNotExists();
                    continue;
                }
                if (e.getStatusCode() == 409 || e.getStatusCode() == 412) {
                    return false;
                }
                throw failure("write progress marker", name, e);
            } catch (UncheckedIOException e) {
                throw new RetryableException("Could not write progress marker " + where(name) + ": " + e.getMessage(), e);
            }
        }
    }

    private List<String> names(String dir) {
        List<String> out = new ArrayList<>();
        try {
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(dir), null)) {
                if (item.getName().endsWith(".json")) {
                    out.add(item.getName());
                }
            }
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.CONTAINER_NOT_FOUND) {
                return List.of();
            }
            throw failure("list progress markers", dir, e);
        } catch (UncheckedIOException e) {
            throw new RetryableException("Could not list progress markers " + where(dir) + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The markers by name, read concurrently. */
    private <T> Map<String, T> readAll(List<String> names, Class<T> type) {
        Map<String, T> out = new TreeMap<>();
        if (names.isEmpty()) {
            return out;
        }
        List<Map.Entry<String, byte[]>> read;
        try {
            read = Flux.fromIterable(names)
                    .flatMap(name -> reads.getBlobAsyncClient(name).downloadContent()
                            .onErrorMap(BlobStorageException.class, e -> failure("read progress marker", name, e))
                            .map(data -> Map.entry(name, data.toBytes())), READ_CONCURRENCY)
                    .collectList().block();
        } catch (UncheckedIOException e) {
            throw new RetryableException("Could not read progress markers " + where(names.get(0)) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof DoeException) {
                throw e;
            }
            Throwable cause = Exceptions.unwrap(e);
            throw cause instanceof IOException io
                    ? new RetryableException("Could not read progress markers " + where(names.get(0)) + ": " + io.getMessage(), io)
                    : e;
        }
        for (Map.Entry<String, byte[]> marker : read) {
            out.put(marker.getKey(), parse(marker.getKey(), marker.getValue(), type));
        }
        return out;
    }

    private <T> T parse(String name, byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new DoeException("Progress marker " + where(name) + " is not a " + type.getSimpleName()
                    + " document: " + e.getMessage() + ". Markers are written only by DOE; delete the damaged one and "
                    + "retry the run so that the stage reports again.", e);
        }
    }

    private DoeException failure(String what, String name, BlobStorageException e) {
        String msg = "Could not " + what + " " + where(name) + ": " + e.getErrorCode();
        int status = e.getStatusCode();
        return status >= 500 || status == 408 || status == 429 ? new RetryableException(msg, e)
                : new DoeException(msg + ". Check that the DoeStorage account allows reads and writes to this container.", e);
    }

    private String where(String name) {
        return "'" + name + "' in container '" + container.getBlobContainerName() + "'";
    }

    private static String prefix(String runId, String stage) {
        return runId + "/" + stage + "/";
    }

    private static String number(int chunk) {
        return String.format("%05d", chunk);
    }
}
