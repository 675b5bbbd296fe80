package com.doe.plan;

import com.doe.RetryableException;
import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.ChunkWriter;
import com.doe.format.DatasetSchema;
import com.doe.format.RecordSource;
import com.doe.format.RecordSources;
import com.doe.format.SourceFile;
import com.doe.format.TypedRow;
import com.doe.pipeline.Pipeline;
import com.doe.pipeline.SourceDefinition;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.QuarantineSink;
import com.doe.stats.FieldProfile;
import com.doe.stats.FieldProfiler;
import com.doe.stats.StageStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The first stage of a run: streams the source file into chunks of at most {@code chunkRows} records
 * (stage {@code ingest}), sends malformed rows to quarantine (batch {@code ingest/{chunk}}) and
 * profiles the fields. Full blocks of a chunk, and its last block, are compressed on a second thread
 * while the next block fills, and a finished chunk is uploaded on a third while the next one is read, at most
 * {@value #IN_FLIGHT} at a time, so memory is bounded by a few chunks whatever the file size; every
 * chunk is stored before {@link #ingest} returns. Re-running it for the same
 * run rewrites identical chunks. Thread-safe.
 */
public final class IngestStage {

    /** What ingest produced. */
    public record Result(int chunks, StageStats stats, List<FieldProfile> profile) {
    }

    /** Finished chunks being uploaded while the next is read. */
    private static final int IN_FLIGHT = 2;

    private final Pipeline pipeline;
    private final ChunkStore chunks;
    private final QuarantineSink quarantine;

    public IngestStage(Pipeline pipeline, ChunkStore chunks, QuarantineSink quarantine) {
        this.pipeline = pipeline;
        this.chunks = chunks;
        this.quarantine = quarantine;
    }

    public Result ingest(String runId, SourceFile file) {
        long start = System.nanoTime();
        SourceDefinition src = pipeline.definition().source();
        DatasetSchema schema = pipeline.sourceSchema();
        int chunkRows = pipeline.definition().settings().chunkRows();
        FieldProfiler profiler = new FieldProfiler(schema);
        TypedRow row = new TypedRow(schema);
        List<QuarantineEntry> bad = new ArrayList<>();
        long read = 0;
        long rejected = 0;
        int index = 0;
        ChunkWriter writer = null;
        // The last chunk finished may still be compressing its last block: the one before it hands its buffers on.
        ChunkWriter finished = null;
        ChunkWriter finishedBefore = null;
        try (Uploads uploads = new Uploads();
             Compressor compressor = new Compressor();
             RecordSource source = RecordSources.open(src.format(), src.options(), schema, file)) {
            RecordSource.Next next;
            while ((next = source.readInto(row, bad)) != RecordSource.Next.END) {
                read++;
                if (next == RecordSource.Next.ROW) {
                    if (writer == null) {
                        ChunkId id = new ChunkId(runId, Plan.INGEST, index);
                        writer = finishedBefore != null ? finishedBefore.next(id)
                                : chunks.codec().writer(id, schema, file.name(), compressor);
                        finishedBefore = null;
                    }
                    writer.add(row);
                    profiler.add(row);
                    if (writer.rows() == chunkRows) {
                        flush(uploads, runId, index++, file.name(), writer, bad);
                        finishedBefore = finished;
                        finished = writer;
                        writer = null;
                    }
                } else {
                    rejected++;
                }
            }
            if (writer != null || !bad.isEmpty() || index == 0) {
                flush(uploads, runId, index++, file.name(), writer, bad);
            }
            uploads.awaitAll();
        }
        StageStats stats = new StageStats(Plan.INGEST, read, read - rejected, rejected, 0, List.of(), System.nanoTime() - start);
        return new Result(index, stats, profiler.profiles());
    }

    /**
     * Stores chunk {@code index} (empty when no good row reached it) and its quarantine batch: the
     * chunk is finished on the compressor (its last block compressed there, so reading goes on) and
     * uploaded by {@code uploads} once it is; the quarantine batch is written now.
     */
    private void flush(Uploads uploads, String runId, int index, String blob, ChunkWriter writer, List<QuarantineEntry> bad) {
        ChunkId id = new ChunkId(runId, Plan.INGEST, index);
        ChunkWriter w = writer != null ? writer : chunks.codec().writer(id, pipeline.sourceSchema(), blob);
        Supplier<byte[]> encoded = w.finishLater();
        uploads.submit(() -> chunks.writeEncoded(id, encoded.get()));
        quarantine.write(pipeline.id(), runId, Plan.INGEST + "/" + String.format("%05d", index), bad);
        bad.clear();
    }

    /** One daemon thread, so that a failed ingest's leftover work never keeps the worker alive. */
    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The thread that compresses the blocks of the chunk being filled. */
    private static final class Compressor implements java.util.concurrent.Executor, AutoCloseable {

        private final ExecutorService thread = daemonThread("doe-ingest-compress");

        @Override
        public void execute(Runnable block) {
            thread.execute(block);
        }

        /** Lets the blocks queued finish (a few at most): an upload may be waiting for them. */
        @Override
        public void close() {
            thread.shutdown();
        }
    }

    /** One background thread that finishes and uploads chunks, at most {@link #IN_FLIGHT} queued or running. */
    private static final class Uploads implements AutoCloseable {

        private final ExecutorService thread = daemonThread("doe-ingest-upload");
        private final Deque<Future<?>> pending = new ArrayDeque<>();

        void submit(Runnable upload) {
            while (pending.size() >= IN_FLIGHT) {
                await(pending.removeFirst());
            }
            pending.addLast(thread.submit(upload));
        }

        void awaitAll() {
            while (!pending.isEmpty()) {
                await(pending.removeFirst());
            }
        }

        private static void await(Future<?> upload) {
            try {
                upload.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryableException("Interrupted while storing ingested chunks", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** After a failure the chunks still queued are dropped: the run's ingest fails as a whole. */
        @Override
        public void close() {
            thread.shutdownNow();
        }
    }
}
