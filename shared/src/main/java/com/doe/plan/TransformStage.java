package com.doe.plan;

import com.doe.chunk.Chunk;
import com.doe.chunk.SourcedRecord;
import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.pipeline.Pipeline;
import com.doe.plan.internal.StageCounters;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.RuleFailure;
import com.doe.quarantine.SourceRef;
import com.doe.stats.RunRejectedException;
import com.doe.stats.StageStats;
import com.doe.stats.StepStats;
import com.doe.step.KeyedRowStep;
import com.doe.step.RowContext;
import com.doe.step.RowStep;
import com.doe.step.StageKind;
import com.doe.step.StepServices;
import com.doe.step.keys.ClaimKey;
import com.doe.step.keys.KeyClaimStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Executes a fused {@code transform} stage on one chunk at a time. Row-wise steps run row by row
 * over the chunk; a step with whole-run checks ({@code unique}, {@code dedupeBy}) splits the chunk's
 * processing: every row is prepared, the chunk's keys are claimed in one batch in the
 * {@link KeyClaimStore} (owner: the chunk index, so a redelivered chunk gets the same answer), then
 * every row is completed. Records of the input chunk are never mutated.
 *
 * <p>Build once per pipeline version and stage; thread-safe (each call keeps its state on the stack).
 */
public final class TransformStage {

    private final String pipelineId;
    private final Stage stage;
    private final String[] stepIds;
    private final RowStep[] steps;
    private final boolean[] keyed;
    private final DatasetSchema[] inputs;
    private final Schema outputAvro;
    private final DatasetSchema output;
    private final KeyClaimStore keys;

    public TransformStage(Pipeline pipeline, Stage stage, StepServices services, KeyClaimStore keys) {
        if (stage.kind() != StageKind.TRANSFORM) {
            throw new IllegalArgumentException("stage " + stage.name() + " is a " + stage.kind().text() + " stage");
        }
        this.pipelineId = pipeline.id();
        this.stage = stage;
        this.keys = keys;
        int n = stage.steps().size();
        stepIds = new String[n];
        steps = new RowStep[n];
        keyed = new boolean[n];
        inputs = new DatasetSchema[n];
        for (int i = 0; i < n; i++) {
            int index = stage.steps().get(i);
            stepIds[i] = pipeline.definition().steps().get(index).id();
            steps[i] = pipeline.step(index).rowStep(services);
            keyed[i] = steps[i] instanceof KeyedRowStep k && !k.scopes().isEmpty();
            inputs[i] = pipeline.inputOf(index);
        }
        this.output = stage.output();
        this.outputAvro = AvroSchemas.toAvro(output);
    }

    public Stage stage() {
        return stage;
    }

    /**
     * Reads chunk {@code index} of the stage's input, processes it, writes the output chunk and its
     * quarantine batch ({@code {stage}/{chunk}}). Idempotent: running it again for the same chunk writes
     * the same chunk and batch, and the key store gives the same answers.
     */
    public StageResult run(String runId, int index, com.doe.chunk.ChunkStore chunks,
                           com.doe.quarantine.QuarantineSink quarantine) {
        Chunk in = chunks.read(new com.doe.chunk.ChunkId(runId, stage.inputStage(), index));
        StageResult result = process(in);
        chunks.write(result.output());
        quarantine.write(pipelineId, runId, stage.name() + "/" + String.format("%05d", index), result.rejected());
        return result;
    }

    /**
     * Processes one chunk.
     *
     * @throws RunRejectedException when a step with {@code onFail: fail} rejects a row: the run must fail, and
     *                              retrying cannot help
     */
    public StageResult process(Chunk chunk) {
        long start = System.nanoTime();
        String runId = chunk.id().runId();
        String owner = Integer.toString(chunk.id().index());
        StageCounters counters = new StageCounters(steps.length);
        List<QuarantineEntry> rejected = new ArrayList<>();
        List<Work> live = new ArrayList<>(chunk.size());
        int width = chunk.schema().size();
        for (SourcedRecord r : chunk.rows()) {
            Object[] row = new Object[width];
            GenericRecord rec = r.record();
            for (int i = 0; i < width; i++) {
                row[i] = rec.get(i);
            }
            live.add(new Work(row, r.source()));
        }
        int s = 0;
        while (s < steps.length) {
            if (keyed[s]) {
                live = keyedStep(s, live, counters, rejected, runId, owner);
                s++;
                continue;
            }
            int end = s;
            while (end < steps.length && !keyed[end]) {
                end++;
            }
            List<Work> next = new ArrayList<>(live.size());
            rows:
            for (Work w : live) {
                for (int k = s; k < end; k++) {
                    counters.in[k]++;
                    counters.begin(k);
                    Object[] out = steps[k].apply(w.row, counters);
                    if (out == null) {
                        left(k, w, counters, rejected);
                        continue rows;
                    }
                    counters.out[k]++;
                    w.row = out;
                }
                next.add(w);
            }
            live = next;
            s = end;
        }
        List<SourcedRecord> out = new ArrayList<>(live.size());
        for (Work w : live) {
            GenericData.Record rec = new GenericData.Record(outputAvro);
            for (int i = 0; i < w.row.length; i++) {
                rec.put(i, w.row[i]);
            }
            out.add(new SourcedRecord(rec, w.source));
        }
        List<StepStats> stepStats = new ArrayList<>();
        long rej = 0;
        long filt = 0;
        for (int i = 0; i < steps.length; i++) {
            stepStats.add(counters.stats(i, stepIds[i]));
            rej += counters.rejected[i];
            filt += counters.filtered[i];
        }
        StageStats stats = new StageStats(stage.name(), chunk.size(), out.size(), rej, filt, stepStats, System.nanoTime() - start);
        return new StageResult(new Chunk(chunk.id().inStage(stage.name()), output, chunk.sourceBlob(), out), rejected, stats);
    }

    private List<Work> keyedStep(int s, List<Work> live, StageCounters counters, List<QuarantineEntry> rejected,
                                 String runId, String owner) {
        KeyedRowStep step = (KeyedRowStep) steps[s];
        List<String> scopes = step.scopes();
        List<Work> prepared = new ArrayList<>(live.size());
        for (Work w : live) {
            counters.in[s]++;
            counters.begin(s);
            w.keys = new ClaimKey[scopes.size()];
            w.pending = step.prepare(w.row, counters, w.keys);
            if (w.pending == null) {
                left(s, w, counters, rejected);
            } else {
                prepared.add(w);
            }
        }
        boolean[][] duplicate = new boolean[prepared.size()][scopes.size()];
        for (int j = 0; j < scopes.size(); j++) {
            Set<ClaimKey> firstInChunk = new HashSet<>();
            for (int r = 0; r < prepared.size(); r++) {
                ClaimKey key = prepared.get(r).keys[j];
                if (key != null && !firstInChunk.add(key)) {
                    duplicate[r][j] = true;
                }
            }
            Set<ClaimKey> taken = firstInChunk.isEmpty() ? Set.of() : keys.claim(runId, scopes.get(j), owner, firstInChunk);
            for (int r = 0; r < prepared.size(); r++) {
                ClaimKey key = prepared.get(r).keys[j];
                if (key != null && taken.contains(key)) {
                    duplicate[r][j] = true;
                }
            }
        }
        List<Work> next = new ArrayList<>(prepared.size());
        for (int r = 0; r < prepared.size(); r++) {
            Work w = prepared.get(r);
            counters.begin(s);
            Object[] out = step.complete(w.pending, duplicate[r], counters);
            w.pending = null;
            w.keys = null;
            if (out == null) {
                left(s, w, counters, rejected);
            } else {
                counters.out[s]++;
                w.row = out;
                next.add(w);
            }
        }
        return next;
    }

    private void left(int k, Work w, StageCounters counters, List<QuarantineEntry> rejected) {
        List<RuleFailure> failures = counters.rejection();
        if (failures == null) {
            counters.filtered[k]++;
            return;
        }
        counters.rejected[k]++;
        if (counters.onFail() == RowContext.OnFail.FAIL) {
            throw new RunRejectedException(stepIds[k], "Pipeline '" + pipelineId + "': step '" + stepIds[k] + "' rejected the row at "
                    + (w.source == null ? "?" : w.source.describe()) + " (" + failures.stream().map(RuleFailure::reason)
                    .collect(Collectors.joining("; ")) + ") and its onFail is 'fail', so the run fails. Fix the data, "
                    + "or set onFail to 'quarantine' to set such rows aside.");
        }
        if (counters.onFail() == RowContext.OnFail.QUARANTINE) {
            rejected.add(new QuarantineEntry(stepIds[k], failures, w.source, values(inputs[k], w.row)));
        }
    }

    private static Map<String, Object> values(DatasetSchema schema, Object[] row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(schema.size(), row.length); i++) {
            m.put(schema.field(i).name(), row[i]);
        }
        return m;
    }

    /** A row in flight through the stage. */
    private static final class Work {
        Object[] row;
        final SourceRef source;
        Object pending;
        ClaimKey[] keys;

        Work(Object[] row, SourceRef source) {
            this.row = row;
            this.source = source;
        }
    }
}
