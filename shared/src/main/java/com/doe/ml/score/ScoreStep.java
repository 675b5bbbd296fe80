package com.doe.ml.score;

import com.doe.DoeException;
import com.doe.chunk.SourcedRecord;
import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.ml.ScoreSpec;
import com.doe.ml.train.FeatureEncoder;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.RuleFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A {@code score} step executing on a batch of rows: encodes them, scores them in one call, and emits
 * records of the step's output schema with the label and/or score fields set. Input records are not
 * mutated. For raw-input ONNX models a row with a null input is rejected (rule {@code score:input});
 * registry models impute nulls by their feature spec. Thread-safe.
 */
public final class ScoreStep {

    private final String stepId;
    private final ScoreSpec spec;
    private final DatasetSchema input;
    private final Schema outputAvro;
    private final int[] sources;
    private final int labelAt;
    private final int scoreAt;
    private final ModelSource models;

    public ScoreStep(String stepId, ScoreSpec spec, DatasetSchema input, DatasetSchema output, ModelSource models) {
        this.stepId = stepId;
        this.spec = spec;
        this.input = input;
        this.models = models;
        this.outputAvro = AvroSchemas.toAvro(output);
        sources = new int[output.size()];
        for (int i = 0; i < output.size(); i++) {
            String name = output.field(i).name();
            sources[i] = name.equals(spec.labelField()) || name.equals(spec.scoreField()) ? -1 : input.indexOf(name);
        }
        labelAt = spec.labelField() == null ? -1 : output.indexOf(spec.labelField());
        scoreAt = spec.scoreField() == null ? -1 : output.indexOf(spec.scoreField());
    }

    public String stepId() {
        return stepId;
    }

    /**
     * Scores {@code rows}; rows that cannot be scored go to {@code rejected}.
     *
     * @param pinnedVersion the run's pinned registry version, or null
     * @throws DoeException when the model's features do not match the rows (a model promoted after the
     *                      run's checks with other features), naming the fields
     */
    public List<SourcedRecord> apply(List<SourcedRecord> rows, Integer pinnedVersion, List<QuarantineEntry> rejected) {
        ScoringModel model = models.load(spec, pinnedVersion);
        int width = model.scorer().width();
        double[] x = new double[Math.max(1, rows.size()) * width];
        List<SourcedRecord> kept = new ArrayList<>(rows.size());
        if (model.features() != null) {
            List<String> problems = FeatureEncoder.problems(model.features(), input);
            if (!problems.isEmpty()) {
                throw new DoeException("Step '" + stepId + "' cannot score with " + model.description() + ": "
                        + String.join("; ", problems) + ". Pin a version trained on these fields in the step's \"version\".");
            }
            FeatureEncoder encoder = new FeatureEncoder(model.features(), input);
            for (SourcedRecord r : rows) {
                encoder.encode(r.record(), x, kept.size() * width);
                kept.add(r);
            }
        } else {
            int[] at = model.inputs().stream().mapToInt(input::indexOf).toArray();
            rows:
            for (SourcedRecord r : rows) {
                int base = kept.size() * width;
                for (int i = 0; i < at.length; i++) {
                    Object v = at[i] < 0 ? null : r.record().get(at[i]);
                    if (v == null) {
                        String field = model.inputs().get(i);
                        rejected.add(QuarantineEntry.of(stepId, new RuleFailure("score:input", field, null,
                                "input '" + field + "' is null; " + model.description() + " needs every input"),
                                r.source(), values(r.record())));
                        continue rows;
                    }
                    x[base + i] = FeatureEncoder.toDouble(v);
                }
                kept.add(r);
            }
        }
        String[] labels = new String[kept.size()];
        double[] scores = new double[kept.size()];
        if (!kept.isEmpty()) {
            model.scorer().score(x, kept.size(), labels, scores);
        }
        List<SourcedRecord> out = new ArrayList<>(kept.size());
        for (int r = 0; r < kept.size(); r++) {
            GenericRecord in = kept.get(r).record();
            GenericData.Record rec = new GenericData.Record(outputAvro);
            for (int i = 0; i < sources.length; i++) {
                if (sources[i] >= 0) {
                    rec.put(i, in.get(sources[i]));
                }
            }
            if (labelAt >= 0) {
                rec.put(labelAt, labels[r]);
            }
            if (scoreAt >= 0) {
                rec.put(scoreAt, scores[r]);
            }
            out.add(new SourcedRecord(rec, kept.get(r).source()));
        }
        return out;
    }

    private Map<String, Object> values(GenericRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < input.size(); i++) {
            m.put(input.field(i).name(), r.get(i));
        }
        return m;
    }
}
