package com.doe.event;

import com.doe.event.avro.StageTask;
import com.doe.schema.InMemoryRegistryStore;
import com.doe.schema.SchemaRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Encode + decode throughput of {@link StageTask} on one thread, through {@link EventCodec} and
 * the registry, next to raw Avro {@code BinaryMessageEncoder}/{@code Decoder} in the same run,
 * and the number of registry store reads before and after warm-up. Not a test: run on purpose
 * (see the README's "Benchmarks" section):
 *
 * <pre>
 * mvn -q -o -pl shared test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp shared/target/test-classes:shared/target/classes:$(cat shared/target/bench.cp) com.doe.event.StageTaskCodecBenchmark
 * </pre>
 */
public final class StageTaskCodecBenchmark {

    private static final int EVENTS = 1024;
    private static final int OPS_PER_ROUND = 1_000_000;
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 5;

    private static volatile long sink;

    private StageTaskCodecBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        InMemoryRegistryStore store = new InMemoryRegistryStore();
        EventCodec<StageTask> producer = EventCodec.register(new SchemaRegistry(store), EventType.STAGE_TASK);
        EventCodec<StageTask> consumer = EventCodec.register(new SchemaRegistry(store), EventType.STAGE_TASK);
        BinaryMessageEncoder<StageTask> rawEncoder = StageTask.getEncoder();
        BinaryMessageDecoder<StageTask> rawDecoder = StageTask.getDecoder();
        RecordPosition at = new RecordPosition(EventType.STAGE_TASK.topic(), 0, 0);

        StageTask[] tasks = new StageTask[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            tasks[i] = TestEvents.stageTask(i % 16);
        }
        // Events from a producer one version behind (no "attempt" field): decoded by resolving
        // the older writer schema, found by fingerprint in the registry, to the current class.
        Schema older = withoutField(StageTask.getClassSchema(), "attempt");
        new SchemaRegistry(store).register(EventType.STAGE_TASK.subject() + ".older", older);
        BinaryMessageEncoder<GenericRecord> olderEncoder = new BinaryMessageEncoder<>(GenericData.get(), older);
        byte[][] olderEvents = new byte[EVENTS][];
        for (int i = 0; i < EVENTS; i++) {
            GenericRecord record = new GenericData.Record(older);
            for (Schema.Field field : older.getFields()) {
                Object value = tasks[i].get(field.name());
                record.put(field.name(), value instanceof java.time.Instant instant ? instant.toEpochMilli() : value);
            }
            olderEvents[i] = olderEncoder.encode(record).array();
        }

        Case raw = ops -> {
            for (int i = 0; i < ops; i++) {
                StageTask task = rawDecoder.decode(rawEncoder.encode(tasks[i & (EVENTS - 1)]));
                sink += task.getStageIndex();
            }
        };
        Case codec = ops -> {
            for (int i = 0; i < ops; i++) {
                StageTask task = consumer.decode(producer.encode(tasks[i & (EVENTS - 1)]), at);
                sink += task.getStageIndex();
            }
        };
        Case olderWriter = ops -> {
            for (int i = 0; i < ops; i++) {
                StageTask task = consumer.decode(olderEvents[i & (EVENTS - 1)], at);
                sink += task.getAttempt();
            }
        };
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            raw.run(OPS_PER_ROUND);
            codec.run(OPS_PER_ROUND);
            olderWriter.run(OPS_PER_ROUND);
        }
        long readsAfterWarmup = store.reads();

        System.out.printf("StageTask, %d-byte events, one thread, median of %d rounds of %,d%n",
                producer.encode(tasks[0]).length, ROUNDS, OPS_PER_ROUND);
        System.out.printf("%-52s %14s %10s%n", "case", "events/s", "ns/event");
        report("raw Avro BinaryMessageEncoder + Decoder (baseline)", raw);
        report("EventCodec encode + decode via registry", codec);
        report("EventCodec decode of older writer (resolved)", olderWriter);
        long readsAfterRun = store.reads();
        System.out.printf("registry store reads: %d during set-up and warm-up, %d after warm-up%n",
                readsAfterWarmup, readsAfterRun - readsAfterWarmup);
    }

    private static void report(String name, Case benchmarkCase) throws IOException {
        double[] rates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            benchmarkCase.run(OPS_PER_ROUND);
            rates[round] = OPS_PER_ROUND / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        double median = rates[ROUNDS / 2];
        System.out.printf("%-52s %,14.0f %10.0f%n", name, median, 1e9 / median);
    }

    private static Schema withoutField(Schema schema, String dropped) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            if (!field.name().equals(dropped)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    @FunctionalInterface
    private interface Case {
        void run(int ops) throws IOException;
    }
}
