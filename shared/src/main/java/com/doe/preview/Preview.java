package com.doe.preview;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkId;
import com.doe.chunk.SourcedRecord;
import com.doe.format.DatasetSchema;
import com.doe.format.ReadItem;
import com.doe.format.RecordSource;
import com.doe.format.RecordSources;
import com.doe.format.SchemaInference;
import com.doe.format.SourceFile;
import com.doe.format.SourceFormat;
import com.doe.format.SourceOptions;
import com.doe.pipeline.InvalidPipelineException;
import com.doe.pipeline.Pipeline;
import com.doe.pipeline.PipelineText;
import com.doe.pipeline.PipelineValidator;
import com.doe.pipeline.StepDefinition;
import com.doe.pipeline.Validation;
import com.doe.plan.Plan;
import com.doe.plan.Stage;
import com.doe.plan.StageResult;
import com.doe.plan.TransformStage;
import com.doe.quarantine.QuarantineEntry;
import com.doe.step.StageKind;
import com.doe.step.StepCatalogue;
import com.doe.step.StepServices;
import com.doe.step.keys.InMemoryKeyClaimStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * Dry run: runs a definition in memory on the first N rows of a file and shows each step's output,
 * its rejections with reasons, and the schema (inferred when the definition declares none). Nothing is
 * written anywhere; run-wide checks see only the sample. Thread-safe.
 */
public final class Preview {

    private final StepCatalogue catalogue;
    private final StepServices services;

    /** @param services used by enrich steps (lookups, HTTP) */
    public Preview(StepCatalogue catalogue, StepServices services) {
        this.catalogue = catalogue;
        this.services = services;
    }

    public PreviewResult run(String definitionText, SourceFile sample, int maxRows) {
        JsonNode tree;
        try {
            tree = PipelineText.parse(definitionText);
        } catch (InvalidPipelineException e) {
            return new PreviewResult(null, false, e.problems(), 0, List.of(), List.of());
        }
        Validation first = new PipelineValidator(catalogue).validate(tree, null);
        if (!first.isValid() || first.definition() == null) {
            return new PreviewResult(null, false, first.problems(), 0, List.of(), List.of());
        }
        DatasetSchema inferred = null;
        if (first.definition().source().schema() == null) {
            SourceFormat format = first.definition().source().format();
            SourceOptions options = first.definition().source().options();
            inferred = SchemaInference.infer(format, options, sample, Math.min(maxRows, SchemaInference.DEFAULT_SAMPLE));
        }
        Validation v = inferred == null ? first : new PipelineValidator(catalogue).validate(tree, inferred);
        if (!v.isValid()) {
            return new PreviewResult(inferred, inferred != null, v.problems(), 0, List.of(), List.of());
        }
        Pipeline pipeline = v.orThrow();
        List<SourcedRecord> rows = new ArrayList<>();
        List<QuarantineEntry> malformed = new ArrayList<>();
        long read = 0;
        try (RecordSource source = RecordSources.open(pipeline.definition().source().format(),
                pipeline.definition().source().options(), pipeline.sourceSchema(), sample)) {
            ReadItem item;
            while (read < maxRows && (item = source.next()) != null) {
                read++;
                if (item instanceof ReadItem.Row r) {
                    rows.add(new SourcedRecord(r.record(), r.source()));
                } else {
                    malformed.add(((ReadItem.Malformed) item).entry());
                }
            }
        }
        Chunk chunk = new Chunk(new ChunkId("preview", Plan.INGEST, 0), pipeline.sourceSchema(), sample.name(), rows);
        List<StepPreview> steps = new ArrayList<>();
        InMemoryKeyClaimStore keys = new InMemoryKeyClaimStore();
        boolean stopped = false;
        for (StepDefinition step : pipeline.definition().steps()) {
            int i = step.index();
            if (stopped) {
                steps.add(new StepPreview(step.id(), step.type(), step.stage(), false,
                        "not executed: it follows an ML step, whose predictions a preview cannot produce", List.of(), List.of(), 0));
            } else if (step.stage() == StageKind.TRANSFORM) {
                Stage single = new Stage("preview-" + i, StageKind.TRANSFORM, List.of(i), pipeline.inputOf(i), pipeline.outputOf(i),
                        chunk.id().stage());
                StageResult r = new TransformStage(pipeline, single, services, keys).process(chunk);
                chunk = r.output();
                steps.add(new StepPreview(step.id(), step.type(), step.stage(), true, null, maps(chunk), r.rejected(),
                        r.stats().filtered()));
            } else if (step.stage() == StageKind.LOAD) {
                steps.add(new StepPreview(step.id(), step.type(), step.stage(), false,
                        "sinks write nothing in a preview; rows pass through unchanged", maps(chunk), List.of(), 0));
            } else {
                stopped = !pipeline.outputOf(i).equals(pipeline.inputOf(i));
                steps.add(new StepPreview(step.id(), step.type(), step.stage(), false,
                        "ML steps run in the ml stage, not in a preview", stopped ? List.of() : maps(chunk), List.of(), 0));
            }
        }
        return new PreviewResult(pipeline.sourceSchema(), inferred != null, List.of(), read, malformed, steps);
    }

    private static List<Map<String, Object>> maps(Chunk chunk) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SourcedRecord r : chunk.rows()) {
            GenericRecord rec = r.record();
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < chunk.schema().size(); i++) {
                m.put(chunk.schema().field(i).name(), rec.get(i));
            }
            out.add(m);
        }
        return out;
    }
}
