package com.doe.ml;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.InMemoryChunkStore;
import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.ml.score.ModelChecks;
import com.doe.ml.score.ModelSource;
import com.doe.ml.train.ModelTrainer;
import com.doe.ml.train.TrainedModel;
import com.doe.ml.train.TrainingTable;
import com.doe.pipeline.Pipeline;
import com.doe.plan.MlStage;
import com.doe.plan.Planner;
import com.doe.plan.StageResult;
import com.doe.step.ml.MlConfig;
import com.doe.testing.Fixtures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic synthetic data with known rules. Rows: numeric x1, x2 (standard normal), x3 (uniform
 * noise, null every 50th row), categorical zone (north/south/east); then
 * <ul>
 *   <li>{@code cls}: "high" when 1.5*x1 - x2 + (zone == north ? 1 : 0) > 0, else "low";</li>
 *   <li>{@code y}: 3*x1 - 2*x2 + (zone == south ? 5 : 0) + 0.1 * noise;</li>
 *   <li>{@code outlier}: true for every 20th row, whose x1 and x2 are moved 8 units away (before the rules apply).</li>
 * </ul>
 */
public final class MlFixtures {

    public static final DatasetSchema SCHEMA = DatasetSchema.of(
            Field.of("id", FieldType.LONG), Field.of("x1", FieldType.DOUBLE), Field.of("x2", FieldType.DOUBLE),
            Field.of("x3", FieldType.DOUBLE), Field.of("zone", FieldType.STRING), Field.of("cls", FieldType.STRING),
            Field.of("y", FieldType.DOUBLE), Field.of("outlier", FieldType.BOOLEAN));

    public static final String SOURCE = """
            "source": {"format": "csv", "schema": {"fields": [
              {"name": "id", "type": "long"}, {"name": "x1", "type": "double"}, {"name": "x2", "type": "double"},
              {"name": "x3", "type": "double"}, {"name": "zone", "type": "string"}, {"name": "cls", "type": "string"},
              {"name": "y", "type": "double"}, {"name": "outlier", "type": "boolean"}]}}""";

    private MlFixtures() {
    }

    public static List<Map<String, Object>> rows(int n, long seed) {
        Random r = new Random(seed);
        String[] zones = {"north", "south", "east"};
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean outlier = i % 20 == 7;
            double x1 = r.nextGaussian() + (outlier ? 8 : 0);
            double x2 = r.nextGaussian() - (outlier ? 8 : 0);
            String zone = zones[r.nextInt(3)];
            Map<String, Object> row = new HashMap<>();
            row.put("id", (long) i);
            row.put("x1", x1);
            row.put("x2", x2);
            row.put("x3", i % 50 == 0 ? null : r.nextDouble());
            row.put("zone", zone);
            row.put("cls", 1.5 * x1 - x2 + (zone.equals("north") ? 1 : 0) > 0 ? "high" : "low");
            row.put("y", 3 * x1 - 2 * x2 + (zone.equals("south") ? 5 : 0) + 0.1 * r.nextGaussian());
            row.put("outlier", outlier);
            out.add(row);
        }
        return out;
    }

    /** {@code rows} written as ingest chunks of {@code chunkRows} for {@code runId}. */
    public static ChunkStore chunks(String runId, List<Map<String, Object>> rows, int chunkRows) {
        InMemoryChunkStore store = new InMemoryChunkStore();
        for (int c = 0; c * chunkRows < rows.size(); c++) {
            store.write(Fixtures.chunk(runId, c, SCHEMA, rows.subList(c * chunkRows, Math.min(rows.size(), (c + 1) * chunkRows))));
        }
        return store;
    }

    /** {@code rows} as the CSV file {@link #SOURCE} reads: a header, then one line per row (null as empty). */
    public static byte[] csv(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder(String.join(",", SCHEMA.names())).append('\n');
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String name : SCHEMA.names()) {
                Object v = row.get(name);
                cells.add(v == null ? "" : v.toString());
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A pipeline definition over {@link #SCHEMA} with the given steps (JSON array items). */
    public static String pipeline(String... steps) {
        return "{\"id\": \"ml-test\", " + SOURCE + ", \"steps\": [" + String.join(",", steps) + "]}";
    }

    /** Trains the model of a {@code train} step on {@code rows}, without storing it. */
    public static TrainedModel train(String trainStep, List<Map<String, Object>> rows) {
        Pipeline p = Pipeline.compile(pipeline(trainStep));
        TrainingTable table = new TrainingTable(TrainSpec.of(((MlConfig) p.definition().steps().get(0).config()).settings()),
                SCHEMA);
        chunks("train", rows, rows.size()).read(new ChunkId("train", "ingest", 0)).rows().forEach(r -> table.add(r.record()));
        return ModelTrainer.train(table);
    }

    /**
     * Runs the ML stage of a pipeline of {@code steps} on {@code rows} as one chunk, after checking that
     * its score steps fit their models (as a run does before it starts).
     */
    public static StageResult score(ModelSource models, List<Map<String, Object>> rows, String... steps) {
        Pipeline p = Pipeline.compile(pipeline(steps));
        ModelChecks.Result checks = ModelChecks.check(p, models);
        assertThat(checks.problems()).isEmpty();
        MlStage stage = new MlStage(p, Planner.plan(p).stages().get(0), models, Clock.systemUTC());
        return stage.process(chunks("score", rows, rows.size()).read(new ChunkId("score", "ingest", 0)), checks.pins());
    }

    /** {@link #pipeline} whose files are cut into chunks of {@code chunkRows} rows. */
    public static String pipeline(int chunkRows, String... steps) {
        String p = pipeline(steps);
        return p.substring(0, p.length() - 1) + ", \"settings\": {\"chunkRows\": " + chunkRows + "}}";
    }
}
