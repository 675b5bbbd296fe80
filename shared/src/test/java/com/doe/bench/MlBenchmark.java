package com.doe.bench;

import com.doe.chunk.SourcedRecord;
import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.ml.Algorithm;
import com.doe.ml.ScoreSpec;
import com.doe.ml.Task;
import com.doe.ml.TrainSpec;
import com.doe.ml.onnx.OnnxModel;
import com.doe.ml.registry.InMemoryModelStore;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.score.ModelSource;
import com.doe.ml.score.ScoreStep;
import com.doe.ml.train.FeatureEncoder;
import com.doe.ml.train.ModelTrainer;
import com.doe.ml.train.TrainStage;
import com.doe.ml.train.TrainedModel;
import com.doe.ml.train.TrainingTable;
import com.doe.quarantine.QuarantineEntry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * ML benchmarks, each next to a baseline in the same run. Not a test; run on purpose (README,
 * "Performance"): score step throughput with a linear model (ONNX Runtime) against the bare ONNX
 * Runtime and Tribuo calls on prebuilt features, the rate with a 100-tree forest, and training
 * logistic regression on 1,000,000 rows x 10 features (time and peak heap).
 */
public final class MlBenchmark {

    private static final int FEATURES = 10;
    private static final DatasetSchema SCHEMA = schema();

    private MlBenchmark() {
    }

    public static void main(String[] args) {
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        System.out.printf("processors: %d, max heap: %d MB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        List<SourcedRecord> rows = rows(200_000, 1);
        ModelRegistry registry = new ModelRegistry(new InMemoryModelStore());

        TrainedModel linear = train(registry, rows.subList(0, 100_000), "linear", Algorithm.LOGISTIC_REGRESSION, 5);
        scoring("linear (logistic regression, ONNX Runtime)", registry, "linear", rows.subList(0, 200_000), 5);
        baselines(linear, rows.subList(0, 200_000));

        train(registry, rows.subList(0, 20_000), "forest", Algorithm.RANDOM_FOREST_CLASSIFIER, 1);
        scoring("100-tree random forest (Tribuo)", registry, "forest", rows.subList(0, 20_000), 2);

        resetPeaks();
        long t0 = System.nanoTime();
        TrainedModel big = train(registry, rows(1_000_000, 2), "big", Algorithm.LOGISTIC_REGRESSION, 1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("train logistic regression on %,d rows x %d features (table, split, 10 epochs, metrics, "
                        + "ONNX export, registry): %.1f s, peak heap %d MB (includes the 1M input records held in memory), test accuracy %.3f%n", 1_000_000, FEATURES,
                seconds, peakHeapMb(), ((com.doe.ml.train.ModelMetrics.Classification) big.metrics()).accuracy());
    }

    private static TrainedModel train(ModelRegistry registry, List<SourcedRecord> rows, String name, Algorithm algorithm,
                                      int repeatLabel) {
        List<String> numeric = new ArrayList<>();
        for (int i = 0; i < FEATURES; i++) {
            numeric.add("f" + i);
        }
        TrainSpec spec = new TrainSpec(name, Task.CLASSIFICATION, algorithm, numeric, List.of(), "label", 0.2, 42,
                Map.of(), false, 10, 100, 10, 3, 0.05);
        TrainingTable table = new TrainingTable(spec, SCHEMA);
        rows.forEach(r -> table.add(r.record()));
        TrainedModel m = ModelTrainer.train(table);
        new TrainStage("bench", "v1", "learn", spec, SCHEMA, registry, Clock.systemUTC()).store("run-" + name, m);
        return m;
    }

    private static void scoring(String what, ModelRegistry registry, String model, List<SourcedRecord> rows, int rounds) {
        DatasetSchema out = SCHEMA.put(Field.of("predicted", FieldType.STRING)).put(Field.of("probability", FieldType.DOUBLE));
        ScoreStep step = new ScoreStep("predict", new ScoreSpec(model, "latest", null, List.of(), "predicted", "probability"),
                SCHEMA, out, new ModelSource(registry));
        List<QuarantineEntry> rejected = new ArrayList<>();
        double best = 0;
        for (int round = 0; round < rounds + 1; round++) {
            long t0 = System.nanoTime();
            for (int c = 0; c < rows.size(); c += 10_000) {
                step.apply(rows.subList(c, Math.min(rows.size(), c + 10_000)), null, rejected);
            }
            double rate = rows.size() / ((System.nanoTime() - t0) / 1e9);
            if (round > 0) {
                best = Math.max(best, rate);
            }
        }
        System.out.printf("score step, %s, chunks of 10,000 Avro records -> records: %,.0f rows/s%n", what, best);
    }

    private static void baselines(TrainedModel m, List<SourcedRecord> rows) {
        FeatureEncoder enc = new FeatureEncoder(m.features(), SCHEMA);
        double[] x = new double[rows.size() * FEATURES];
        for (int i = 0; i < rows.size(); i++) {
            enc.encode(rows.get(i).record(), x, i * FEATURES);
        }
        try (OnnxModel onnx = OnnxModel.load("bench", m.onnx(), FEATURES)) {
            double best = 0;
            double[] batch = new double[10_000 * FEATURES];
            for (int round = 0; round < 6; round++) {
                long t0 = System.nanoTime();
                for (int c = 0; c < rows.size(); c += 10_000) {
                    System.arraycopy(x, c * FEATURES, batch, 0, batch.length);
                    onnx.run(batch, 10_000, r -> r.get(0).getValue());
                }
                double rate = rows.size() / ((System.nanoTime() - t0) / 1e9);
                best = round > 0 ? Math.max(best, rate) : 0;
            }
            System.out.printf("baseline: bare ONNX Runtime run on prebuilt feature arrays, batches of 10,000: %,.0f rows/s%n", best);
        }
        @SuppressWarnings("unchecked")
        Model<Label> model = (Model<Label>) m.model();
        String[] names = m.features().featureNames();
        List<Example<Label>> examples = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, java.util.Arrays.copyOfRange(x, i * FEATURES, (i + 1) * FEATURES)));
        }
        double best = 0;
        for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            model.predict(examples);
            double rate = examples.size() / ((System.nanoTime() - t0) / 1e9);
            best = round > 0 ? Math.max(best, rate) : 0;
        }
        System.out.printf("baseline: bare Tribuo predict on prebuilt examples (same linear model): %,.0f rows/s%n", best);
    }

    private static List<SourcedRecord> rows(int n, long seed) {
        Random r = new Random(seed);
        Schema avro = AvroSchemas.toAvro(SCHEMA);
        List<SourcedRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            GenericData.Record rec = new GenericData.Record(avro);
            double s = 0;
            for (int f = 0; f < FEATURES; f++) {
                double v = r.nextGaussian() * (f + 1);
                rec.put(f, v);
                s += (f % 2 == 0 ? 1 : -1) * v / (f + 1);
            }
            rec.put(FEATURES, s + 0.3 * r.nextGaussian() > 0 ? "yes" : "no");
            out.add(new SourcedRecord(rec, null));
        }
        return out;
    }

    private static DatasetSchema schema() {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < FEATURES; i++) {
            fields.add(Field.of("f" + i, FieldType.DOUBLE));
        }
        fields.add(Field.of("label", FieldType.STRING));
        return new DatasetSchema(fields);
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }
}
