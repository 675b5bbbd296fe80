package com.doe.plan;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.SourcedRecord;
import com.doe.format.ReadItem;
import com.doe.format.RecordSource;
import com.doe.format.RecordSources;
import com.doe.format.SourceFile;
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
        int chunkRows = pipeline.definition().settings().chunkRows();
        FieldProfiler profiler = new FieldProfiler(pipeline.sourceSchema());
        List<SourcedRecord> rows = new ArrayList<>(Math.min(chunkRows, 100_000));
        List<QuarantineEntry> bad = new ArrayList<>();
        long read = 0;
        long rejected = 0;
        int index = 0;
        try (RecordSource source = RecordSources.open(src.format(), src.options(), pipeline.sourceSchema(), file)) {
            ReadItem item;
            while ((item = source.next()) != null) {
                read++;
                if (item instanceof ReadItem.Row r) {
                    rows.add(new SourcedRecord(r.record(), r.source()));
                    profiler.add(r.record());
                } else {
                    bad.add(((ReadItem.Malformed) item).entry());
                    rejected++;
                }
                if (rows.size() == chunkRows) {
                    flush(runId, index++, file.name(), rows, bad);
                }
            }
        }
        if (!rows.isEmpty() || !bad.isEmpty() || index == 0) {
            flush(runId, index++, file.name(), rows, bad);
        }
        StageStats stats = new StageStats(Plan.INGEST, read, read - rejected, rejected, 0, List.of(), System.nanoTime() - start);
        return new Result(index, stats, profiler.profiles());
    }

    private void flush(String runId, int index, String blob, List<SourcedRecord> rows, List<QuarantineEntry> bad) {
        ChunkId id = new ChunkId(runId, Plan.INGEST, index);
        chunks.write(new Chunk(id, pipeline.sourceSchema(), blob, rows));
        quarantine.write(pipeline.id(), runId, Plan.INGEST + "/" + String.format("%05d", index), bad);
        rows.clear();
        bad.clear();
    }
}
