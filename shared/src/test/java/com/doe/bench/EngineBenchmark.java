package com.doe.bench;

import com.doe.chunk.Chunk;
import com.doe.chunk.ChunkCodec;
import com.doe.chunk.ChunkId;
import com.doe.chunk.ChunkStore;
import com.doe.chunk.SourcedRecord;
import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.format.SourceFile;
import com.doe.format.internal.CsvTokenizer;
import com.doe.pipeline.Pipeline;
import com.doe.plan.IngestStage;
import com.doe.plan.Planner;
import com.doe.plan.TransformStage;
import com.doe.quarantine.InMemoryQuarantineSink;
import com.doe.quarantine.SourceRef;
import com.doe.stats.StageStats;
import com.doe.step.StepServices;
import com.doe.step.enrich.InMemoryLookupSource;
import com.doe.step.keys.InMemoryKeyClaimStore;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Throughput benchmarks of the engine, each next to a baseline measured in the same run. Not a test:
 * run on purpose with
 * {@code mvn -q -o -pl shared test-compile exec:exec} (see shared/pom.xml; the JVM gets -Xmx512m, one
 * active processor and the serial collector). Arguments: {@code transform}, {@code csv}, {@code big}
 * or {@code all} (default); {@code -Dbench.bigGb=1} sets the size of the large file.
 */
public final class EngineBenchmark {

    /** The source fields of the benchmark files; {@link FlowBenchmark} uses the same. */
    static final String FIELDS = """
            {"name": "id", "type": "long", "required": true}, {"name": "code", "type": "string"},
              {"name": "name", "type": "string"}, {"name": "state", "type": "string"},
              {"name": "lat", "type": "double"}, {"name": "lon", "type": "double"},
              {"name": "amount", "type": "double"}, {"name": "active", "type": "boolean"}""";

    /** The fused transform measured here (clean, 5 rules, 2 CEL sets, a CEL filter); {@link FlowBenchmark} runs it too. */
    static final String TRANSFORM_STEPS = """
              {"id": "tidy", "type": "clean", "trim": ["code", "name"], "uppercase": ["code"], "nullIf": ["", "NA"]},
              {"id": "checks", "type": "validate", "rules": [
                {"field": "code", "check": "required"},
                {"field": "code", "check": "regex", "pattern": "^[A-Z0-9]{3,4}$"},
                {"field": "lat", "check": "range", "min": -90, "max": 90},
                {"field": "state", "check": "in", "values": ["TX", "CA", "NY", "WA"]},
                {"field": "name", "check": "length", "min": 1, "max": 100}]},
              {"id": "derive", "type": "map", "set": {"lat2": "row.lat * 2.0", "key": "row.state + '-' + row.code"},
               "filter": "row.amount >= 0.0"}""";

    private static final String PIPELINE = """
            {"id": "bench", "source": {"format": "csv", "schema": {"fields": [%s]}},
             "steps": [
            %s
             ], "settings": {"chunkRows": 10000}}
            """.formatted(FIELDS, TRANSFORM_STEPS);

    private static final String BASELINE_PIPELINE = PIPELINE.replaceAll("(?s)\"steps\": \\[.*\\]\\s*,\\s*\"settings\"",
            "\"steps\": [{\"id\": \"noop\", \"type\": \"map\"}], \"settings\"");

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        System.out.printf("JVM: max heap %d MB, %d processor(s)%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        if (which.equals("all") || which.equals("transform")) {
            transform();
        }
        if (which.equals("all") || which.equals("csv")) {
            csv();
        }
        if (which.equals("all") || which.equals("big")) {
            big(Double.parseDouble(System.getProperty("bench.bigGb", "1")));
        }
    }

    // ---------------------------------------------------------------- transform

    private static void transform() {
        Pipeline p = Pipeline.compile(PIPELINE);
        Pipeline base = Pipeline.compile(BASELINE_PIPELINE);
        List<Chunk> chunks = chunks(p.sourceSchema(), 20, 10_000);
        TransformStage fused = stage(p);
        TransformStage noop = stage(base);
        Schema avro = AvroSchemas.toAvro(p.sourceSchema());
        int rounds = 5;
        for (int warm = 0; warm < 3; warm++) {
            run(fused, chunks, 2);
            run(noop, chunks, 2);
            avroRoundTrip(avro, chunks, 1);
        }
        double fusedRate = best(() -> run(fused, chunks, rounds));
        double noopRate = best(() -> run(noop, chunks, rounds));
        double[] avroRates = new double[2];
        best(() -> {
            double[] r = avroRoundTrip(avro, chunks, rounds);
            avroRates[0] = Math.max(avroRates[0], r[0]);
            avroRates[1] = Math.max(avroRates[1], r[1]);
            return r[0];
        });
        System.out.println();
        System.out.println("Fused transform stage (clean + 5 validate rules + 2 CEL set + 1 CEL filter), 8-field rows, one thread");
        table(new String[][]{
                {"fused transform stage", fmt(fusedRate), "target >= 1,000,000"},
                {"baseline: stage with no-op map (copy in/out)", fmt(noopRate), ""},
                {"baseline: Avro binary decode", fmt(avroRates[1]), ""},
                {"baseline: Avro binary encode", fmt(avroRates[0]), ""}});
    }

    private static TransformStage stage(Pipeline p) {
        return new TransformStage(p, Planner.plan(p).stage("transform-1"), StepServices.of(new InMemoryLookupSource()),
                new InMemoryKeyClaimStore());
    }

    private static double run(TransformStage stage, List<Chunk> chunks, int rounds) {
        long rows = 0;
        long out = 0;
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (Chunk c : chunks) {
                StageStats s = stage.process(c).stats();
                rows += s.rowsIn();
                out += s.rowsOut();
            }
        }
        long nanos = System.nanoTime() - start;
        if (out == 0) {
            throw new IllegalStateException("no rows survived");
        }
        return rows * 1e9 / nanos;
    }

    private static double[] avroRoundTrip(Schema schema, List<Chunk> chunks, int rounds) {
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema, AvroSchemas.MODEL);
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema, schema, AvroSchemas.MODEL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 << 20);
        long encNanos = 0;
        long decNanos = 0;
        long rows = 0;
        try {
            for (int r = 0; r < rounds; r++) {
                for (Chunk c : chunks) {
                    bytes.reset();
                    long t0 = System.nanoTime();
                    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
                    for (SourcedRecord sr : c.rows()) {
                        writer.write(sr.record(), enc);
                    }
                    enc.flush();
                    long t1 = System.nanoTime();
                    BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
                    GenericRecord reuse = null;
                    for (int i = 0; i < c.size(); i++) {
                        reuse = reader.read(null, dec);
                    }
                    long t2 = System.nanoTime();
                    encNanos += t1 - t0;
                    decNanos += t2 - t1;
                    rows += c.size();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new double[]{rows * 1e9 / encNanos, rows * 1e9 / decNanos};
    }

    private static List<Chunk> chunks(DatasetSchema schema, int count, int size) {
        Schema avro = AvroSchemas.toAvro(schema);
        Random rnd = new Random(7);
        String[] states = {"TX", "CA", "NY", "WA", "OR"};
        List<Chunk> out = new ArrayList<>();
        long id = 0;
        for (int c = 0; c < count; c++) {
            List<SourcedRecord> rows = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                GenericData.Record r = new GenericData.Record(avro);
                r.put(0, id++);
                r.put(1, " " + code(rnd) + " ");
                r.put(2, "Airport " + i);
                r.put(3, states[rnd.nextInt(states.length)]);
                r.put(4, rnd.nextDouble() * 200 - 95);
                r.put(5, rnd.nextDouble() * -120);
                r.put(6, rnd.nextDouble() * 100 - 2);
                r.put(7, rnd.nextBoolean());
                rows.add(new SourcedRecord(r, SourceRef.line("bench.csv", id + 1)));
            }
            out.add(new Chunk(new ChunkId("bench", "ingest", c), schema, "bench.csv", rows));
        }
        return out;
    }

    private static String code(Random rnd) {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(3);
        for (int i = 0; i < 3; i++) {
            sb.append(letters.charAt(rnd.nextInt(letters.length())));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- csv

    private static void csv() throws IOException {
        int rows = 1_000_000;
        byte[] data = csvBytes(rows);
        Pipeline p = Pipeline.compile(PIPELINE);
        byte[] raw = uncompressedChunks(p, data);
        ChunkCodec.Compression[] codecs = {ChunkCodec.Compression.NONE, ChunkCodec.Compression.SNAPPY,
                ChunkCodec.Compression.ZSTD, ChunkCodec.Compression.DEFLATE};
        ChunkCodec.Compression[] alone = {ChunkCodec.Compression.SNAPPY, ChunkCodec.Compression.ZSTD};
        for (int warm = 0; warm < 2; warm++) {
            bareFastCsv(data);
            bareFastCsvNoStrings(data);
            bareTokenizer(data);
            ingest(p, data, ChunkCodec.Compression.NONE);
            ingest(p, data, ChunkCodec.Compression.ZSTD);
            compressAlone(raw, ChunkCodec.Compression.ZSTD);
        }
        // Rounds interleave the baselines and the codecs, so that a burst of load on a shared machine
        // slows all of them rather than one; each keeps its best round. Deflate is slow: two rounds.
        double bare = 0;
        double bareNoStrings = 0;
        double tokenizer = 0;
        double[] codecAlone = new double[alone.length];
        double[] rates = new double[codecs.length];
        long[] bytes = new long[codecs.length];
        for (int round = 0; round < 5; round++) {
            bare = Math.max(bare, rows * 1e9 / bareFastCsv(data));
            bareNoStrings = Math.max(bareNoStrings, rows * 1e9 / bareFastCsvNoStrings(data));
            tokenizer = Math.max(tokenizer, rows * 1e9 / bareTokenizer(data));
            for (int c = 0; c < alone.length; c++) {
                codecAlone[c] = Math.max(codecAlone[c], rows * 1e9 / compressAlone(raw, alone[c]));
            }
            for (int c = 0; c < codecs.length; c++) {
                if (codecs[c] != ChunkCodec.Compression.DEFLATE || round < 2) {
                    long[] run = ingest(p, data, codecs[c]);
                    rates[c] = Math.max(rates[c], rows * 1e9 / run[0]);
                    bytes[c] = run[1];
                }
            }
        }
        System.out.println();
        System.out.printf("CSV to Avro chunks, %,d rows of 8 fields (%.0f MB), %d processor(s), best of 5 interleaved rounds%n", rows,
                data.length / 1e6, Runtime.getRuntime().availableProcessors());
        String[] labels = {"ingest, no codec: parse, type, profile, Avro chunks", "ingest, snappy chunks",
                "ingest, zstd chunks (default, level -1)", "ingest, deflate chunks (level 6)"};
        List<String[]> table = new ArrayList<>();
        table.add(new String[]{"baseline: bare FastCSV parse (all fields)", fmt(bare), ""});
        table.add(new String[]{"baseline: bare FastCSV parse, callback handler, no Strings", fmt(bareNoStrings),
                String.format("%.2fx faster", bareNoStrings / bare)});
        table.add(new String[]{"baseline: DOE's CSV tokenizer alone (ingest's parser)", fmt(tokenizer),
                String.format("%.2fx faster", tokenizer / bare)});
        for (int c = 0; c < alone.length; c++) {
            table.add(new String[]{String.format("the codec alone: %s on the %.1f MB of chunk rows", alone[c].name().toLowerCase(),
                    raw.length / 1e6), fmt(codecAlone[c]), String.format("%.0f ns/row = %.2fx the bare parse", 1e9 / codecAlone[c],
                    bare / codecAlone[c])});
        }
        for (int c = 0; c < codecs.length; c++) {
            table.add(new String[]{String.format("%s, %.1f MB", labels[c], bytes[c] / 1e6), fmt(rates[c]),
                    String.format("%.2fx slower", bare / rates[c])});
        }
        table(table.toArray(String[][]::new));
        System.out.println("(slower, faster: than the bare FastCSV parse; MB: all chunk files of the run)");
    }

    private static byte[] csvBytes(int rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 64);
        try {
            writeCsv(out, rows);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void writeCsv(java.io.OutputStream os, long rows) throws IOException {
        Random rnd = new Random(11);
        String[] states = {"TX", "CA", "NY", "WA"};
        try (BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("id,code,name,state,lat,lon,amount,active\n");
            for (long i = 0; i < rows; i++) {
                w.write(Long.toString(i));
                w.write(',');
                w.write(code(rnd).toUpperCase());
                w.write(",Airport number ");
                w.write(Long.toString(i % 10_000));
                w.write(',');
                w.write(states[(int) (i & 3)]);
                w.write(',');
                w.write(Double.toString(Math.round(rnd.nextDouble() * 18000 - 9000) / 100.0));
                w.write(',');
                w.write(Double.toString(Math.round(rnd.nextDouble() * -12000) / 100.0));
                w.write(',');
                w.write(Double.toString(Math.round(rnd.nextDouble() * 100000) / 100.0));
                w.write(i % 2 == 0 ? ",true\n" : ",false\n");
            }
        }
    }

    private static long bareFastCsv(byte[] data) {
        long start = System.nanoTime();
        long chars = 0;
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(new InputStreamReader(new ByteArrayInputStream(data),
                StandardCharsets.UTF_8))) {
            for (CsvRecord rec : r) {
                for (int i = 0; i < rec.getFieldCount(); i++) {
                    chars += rec.getField(i).length();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (chars == 0) {
            throw new IllegalStateException();
        }
        return System.nanoTime() - start;
    }

    /** The leanest use of the parser: a callback handler that only sums field lengths, as ingest's handler copies them. */
    private static long bareFastCsvNoStrings(byte[] data) {
        long start = System.nanoTime();
        long[] chars = new long[1];
        AbstractBaseCsvCallbackHandler<long[]> handler = new AbstractBaseCsvCallbackHandler<>() {
            @Override
            protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
                chars[0] += len > 0 ? len + buf[offset] : 1;
            }

            @Override
            protected RecordWrapper<long[]> buildRecord() {
                return wrapRecord(chars);
            }
        };
        try (CsvReader<long[]> r = CsvReader.builder().build(handler, new InputStreamReader(new ByteArrayInputStream(data),
                StandardCharsets.UTF_8))) {
            for (long[] ignored : r) {
                // every field was handled by the callback
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (chars[0] == 0) {
            throw new IllegalStateException();
        }
        return System.nanoTime() - start;
    }

    /** The chunk files of one codec-free ingest of {@code data}, concatenated: the bytes a codec compresses. */
    private static byte[] uncompressedChunks(Pipeline p, byte[] data) {
        DiscardingChunkStore store = new DiscardingChunkStore(new ChunkCodec(ChunkCodec.Compression.NONE));
        store.keep = new ByteArrayOutputStream();
        new IngestStage(p, store, new InMemoryQuarantineSink()).ingest("bench", SourceFile.of("bench.csv", data));
        return store.keep.toByteArray();
    }

    /** Nanoseconds that {@code compression}'s codec alone takes for {@code raw}, in blocks of the chunk writer's size. */
    private static long compressAlone(byte[] raw, ChunkCodec.Compression compression) {
        org.apache.avro.file.Codec codec = compression.codec();
        long start = System.nanoTime();
        long out = 0;
        try {
            for (int off = 0; off < raw.length; off += ChunkCodec.BLOCK_BYTES) {
                out += codec.compress(java.nio.ByteBuffer.wrap(raw, off, Math.min(ChunkCodec.BLOCK_BYTES, raw.length - off))).remaining();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (out == 0) {
            throw new IllegalStateException("nothing compressed");
        }
        return System.nanoTime() - start;
    }

    /** DOE's own CSV tokenizer alone: every field located (start and length read), nothing typed. */
    private static long bareTokenizer(byte[] data) {
        long start = System.nanoTime();
        long sum = 0;
        try (CsvTokenizer t = new CsvTokenizer(new ByteArrayInputStream(data), (byte) ',', (byte) '"')) {
            while (t.next()) {
                for (int i = 0; i < t.count(); i++) {
                    sum += t.start(i) + t.length(i);
                }
            }
        }
        if (sum == 0) {
            throw new IllegalStateException();
        }
        return System.nanoTime() - start;
    }

    /** Nanoseconds and chunk bytes of one ingest of {@code data}. */
    private static long[] ingest(Pipeline p, byte[] data, ChunkCodec.Compression compression) {
        DiscardingChunkStore store = new DiscardingChunkStore(new ChunkCodec(compression));
        long start = System.nanoTime();
        IngestStage.Result r = new IngestStage(p, store, new InMemoryQuarantineSink()).ingest("bench", SourceFile.of("bench.csv", data));
        long nanos = System.nanoTime() - start;
        if (r.stats().rowsOut() == 0 || store.bytes.get() == 0) {
            throw new IllegalStateException("nothing ingested");
        }
        return new long[]{nanos, store.bytes.get()};
    }

    // ---------------------------------------------------------------- big file

    private static void big(double gigabytes) throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "doe-bench-" + gigabytes + "g.csv");
        long target = (long) (gigabytes * 1e9);
        if (!Files.exists(file) || Files.size(file) < target) {
            long rows = target / 60 + 1;
            try (var os = Files.newOutputStream(file)) {
                writeCsv(os, rows);
            }
        }
        Pipeline p = Pipeline.compile(PIPELINE);
        DiscardingChunkStore store = new DiscardingChunkStore(new ChunkCodec(ChunkCodec.Compression.ZSTD));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        IngestStage.Result r = new IngestStage(p, store, new InMemoryQuarantineSink()).ingest("big", new SourceFile() {
            @Override
            public String name() {
                return file.getFileName().toString();
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        });
        long nanos = System.nanoTime() - start;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(m -> m.getType() == MemoryType.HEAP)
                .mapToLong(m -> m.getPeakUsage().getUsed()).sum();
        System.out.println();
        System.out.printf("Large CSV ingest: %s (%.2f GB) streamed into zstd Avro chunks of 10,000 rows%n",
                file, Files.size(file) / 1e9);
        table(new String[][]{
                {"rows read / written / rejected", String.format("%,d / %,d / %,d", r.stats().rowsIn(), r.stats().rowsOut(),
                        r.stats().rejected()), ""},
                {"chunks / chunk bytes", String.format("%,d / %,d MB", r.chunks(), store.bytes.get() >> 20), ""},
                {"time / rate", String.format("%.1f s / %s rows/s", nanos / 1e9, fmt(r.stats().rowsIn() * 1e9 / nanos)), ""},
                {"max heap / peak heap used (sum of pool peaks)", String.format("%d MB / %d MB",
                        Runtime.getRuntime().maxMemory() >> 20, peak >> 20), ""}});
    }

    // ---------------------------------------------------------------- helpers

    private interface Rate {
        double measure() throws Exception;
    }

    private static double best(Rate r) {
        double best = 0;
        try {
            for (int i = 0; i < 3; i++) {
                best = Math.max(best, r.measure());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return best;
    }

    private static String fmt(double rate) {
        return String.format("%,.0f", rate);
    }

    private static void table(String[][] rows) {
        System.out.printf("| %-66s | %15s | %-28s |%n", "measurement", "rows/s", "note");
        System.out.printf("|%s|%s|%s|%n", "-".repeat(68), "-".repeat(17), "-".repeat(30));
        for (String[] r : rows) {
            System.out.printf("| %-66s | %15s | %-28s |%n", r[0], r[1], r[2]);
        }
    }

    /** Encodes chunks as the real stores do, counts the bytes, keeps nothing. */
    private static final class DiscardingChunkStore implements ChunkStore {
        private final ChunkCodec codec;
        final AtomicLong bytes = new AtomicLong();
        /** Where the chunk files go when not null (the benchmark's raw bytes for a codec alone). */
        ByteArrayOutputStream keep;

        DiscardingChunkStore(ChunkCodec codec) {
            this.codec = codec;
        }

        @Override
        public void write(Chunk chunk) {
            bytes.addAndGet(codec.encode(chunk).length);
        }

        @Override
        public ChunkCodec codec() {
            return codec;
        }

        @Override
        public synchronized void writeEncoded(ChunkId id, byte[] file) {
            bytes.addAndGet(file.length);
            if (keep != null) {
                keep.write(file, 0, file.length);
            }
        }

        @Override
        public Chunk read(ChunkId id) {
            throw new UnsupportedOperationException("benchmark store keeps nothing");
        }

        @Override
        public List<Integer> list(String runId, String stage) {
            return List.of();
        }
    }
}
