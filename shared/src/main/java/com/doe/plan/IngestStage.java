package com.doe.plan;

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
import java.util.ArrayList;
import java.util.List;

/**
 * The first stage of a run: streams the source file into chunks of at most {@code chunkRows} records
 * (stage {@code ingest}), sends malformed rows to quarantine (batch {@code ingest/{chunk}}) and
 * profiles the fields. Memory is bounded by one chunk, whatever the file size. Re-running it for the
 * same run rewrites identical chunks. Thread-safe.
 */
public final class IngestStage {

    /** What ingest produced. */
    public record Result(int chunks, StageStats stats, List<FieldProfile> profile) {
    }

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
        ChunkWriter finished = null;
        try (RecordSource source = RecordSources.open(src.format(), src.options(), schema, file)) {
            RecordSource.Next next;
            while ((next = source.readInto(row, bad)) != RecordSource.Next.END) {
                read++;
                if (next == RecordSource.Next.ROW) {
                    if (writer == null) {
                        ChunkId id = new ChunkId(runId, Plan.INGEST, index);
                        writer = finished != null ? finished.next(id) : chunks.codec().writer(id, schema, file.name());
                    }
                    writer.add(row);
                    profiler.add(row);
                    if (writer.rows() == chunkRows) {
                        flush(runId, index++, file.name(), writer, bad);
                        finished = writer;
                        writer = null;
                    }
                } else {
                    rejected++;
                }
            }
        }
        if (writer != null || !bad.isEmpty() || index == 0) {
            flush(runId, index++, file.name(), writer, bad);
        }
        StageStats stats = new StageStats(Plan.INGEST, read, read - rejected, rejected, 0, List.of(), System.nanoTime() - start);
        return new Result(index, stats, profiler.profiles());
    }

    /** Stores chunk {@code index} (empty when no good row reached it) and its quarantine batch. */
    private void flush(String runId, int index, String blob, ChunkWriter writer, List<QuarantineEntry> bad) {
        ChunkId id = new ChunkId(runId, Plan.INGEST, index);
        ChunkWriter w = writer != null ? writer : chunks.codec().writer(id, pipeline.sourceSchema(), blob);
        chunks.writeEncoded(id, w.finish());
        quarantine.write(pipeline.id(), runId, Plan.INGEST + "/" + String.format("%05d", index), bad);
        bad.clear();
    }
}
