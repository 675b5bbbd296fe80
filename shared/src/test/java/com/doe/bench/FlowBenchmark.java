package com.doe.bench;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.doe.app.DoeServices;
import com.doe.clients.ServiceClients;
import com.doe.kafka.KafkaClientConfigs;
import com.doe.kafka.LocalTopics;
import com.doe.settings.AppSettings;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The whole-flow benchmarks, run against a running local stack ({@code infra/local/doe up -d}, then
 * {@code infra/local/doe bench latency|throughput}). Not a test: it prints numbers.
 *
 * <ul>
 *   <li>{@code latency}: a 1,000-row CSV through ingest, a transform stage and a load stage into
 *       Neo4j and Cosmos DB, from the start of the upload to the run record first seen
 *       {@code Completed} over HTTP; {@code bench.runs} runs (20) after {@code bench.warmup} (3).
 *       Baseline in the same run: the fixed costs (a Kafka produce-to-consume round trip, one
 *       trigger's blob list and download, one run-record GET) and the same three stages in-process.</li>
 *   <li>{@code throughput}: a 1,000,000-row CSV through a transform stage to a {@code blob} sink
 *       (CSV files), rows per second from the start of the upload to {@code Completed}; baseline: the
 *       same engine stages in-process with 1 and 2 worker threads.</li>
 * </ul>
 * Each run drops a file with a unique name and deletes it once the run is final. Per run it prints where the time went: the upload,
 * upload end to run record (blob poll, download, run record), ingest, ingest end to the first
 * dispatch (orchestration start), and per stage the queueing (dispatch to the first chunk started),
 * the work (first chunk started to last chunk finished, with the chunks' read/process/write sums)
 * and the hand-off (last chunk finished to the next dispatch, or to the run's finish). Chunk times
 * come from the flow's own StageTask/StageDone events, read by {@link StageEventTap}.
 *
 * <p>Settings: the stack's environment ({@code doe env}) and {@code DOE_HOST_URL}; system properties
 * {@code bench.runs}, {@code bench.warmup}, {@code bench.rows}, {@code bench.chunkRows} (throughput, 10,000),
 * {@code bench.pollMs} (20 for latency, 100 for throughput), {@code bench.baseline} (true).
 */
public final class FlowBenchmark {

    /** clean, validate, map; then one load stage into Neo4j and Cosmos DB. */
    private static final String LATENCY_PIPELINE = """
            {"id": "%s", "source": {"format": "csv", "schema": {"fields": [%s]}},
             "steps": [
              {"id": "tidy", "type": "clean", "trim": ["code", "name"], "uppercase": ["code"], "nullIf": ["", "NA"]},
              {"id": "checks", "type": "validate", "rules": [
                {"field": "code", "check": "required"},
                {"field": "lat", "check": "range", "min": -90, "max": 90}]},
              {"id": "derive", "type": "map", "set": {"key": "row.state + '-' + row.code"}},
              {"id": "graph", "type": "neo4j",
               "nodes": [{"label": "BenchAirport", "key": ["id"], "properties": ["code", "name", "state", "lat", "lon"]}]},
              {"id": "docs", "type": "cosmos", "database": "%s", "container": "bench-latency",
               "idFields": ["id"], "partitionKey": "state"}]}
            """;

    /** The engine benchmark's transform (clean, 5 rules, 2 CEL sets, a CEL filter); then a blob sink. */
    private static final String THROUGHPUT_PIPELINE = """
            {"id": "%s", "source": {"format": "csv", "schema": {"fields": [%s]}},
             "steps": [
            %s,
              {"id": "out", "type": "blob", "container": "bench-out", "path": "{pipelineId}/{runId}/", "format": "csv"}],
             "settings": {"chunkRows": %d}}
            """;

    private FlowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "latency" : args[0];
        AppSettings settings = AppSettings.fromEnvironment();
        String host = System.getenv().getOrDefault("DOE_HOST_URL", "http://127.0.0.1:7071");
        boolean baseline = Boolean.parseBoolean(System.getProperty("bench.baseline", "true"));
        System.out.printf("DOE whole-flow benchmark: %s, host %s, %d cores, load average %.2f at start%n", mode, host,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        try (DoeServices services = new DoeServices(settings); ServiceClients clients = new ServiceClients(settings);
             StageEventTap tap = new StageEventTap(services.messaging())) {
            // Every GET is a Cosmos DB read on the same two cores: poll often only where 20 ms matter.
            long pollMs = Long.getLong("bench.pollMs", mode.equals("throughput") ? 100 : 20);
            FlowClient flow = new FlowClient(host, clients.blob(), Duration.ofMillis(pollMs));
            InProcessFlow inProcess = new InProcessFlow(services, clients.blob());
            switch (mode) {
                case "latency" -> latency(flow, tap, inProcess, clients, baseline, settings);
                case "throughput" -> throughput(flow, tap, inProcess, baseline);
                default -> throw new IllegalArgumentException("mode is latency or throughput, not " + mode);
            }
        }
        System.out.printf("load average %.2f at end%n", loadAverage());
        System.exit(0);
    }

    // --- latency -----------------------------------------------------------------------------------

    private static void latency(FlowClient flow, StageEventTap tap, InProcessFlow inProcess, ServiceClients clients,
                                boolean baseline, AppSettings settings) throws Exception {
        int runs = Integer.getInteger("bench.runs", 20);
        int warmup = Integer.getInteger("bench.warmup", 3);
        int rows = Integer.getInteger("bench.rows", 1000);
        String pipeline = "bench-latency";
        String database = settings.require("CosmosDatabase");
        flow.putPipeline(pipeline, LATENCY_PIPELINE.formatted(pipeline, EngineBenchmark.FIELDS, database));
        String stamp = Long.toString(System.currentTimeMillis(), 36);

        System.out.printf("%n%d-row CSV, ingest -> transform -> load (Neo4j + Cosmos DB); %d warm-up run(s), then %d%n",
                rows, warmup, runs);
        List<Timeline> timelines = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            byte[] csv = csv(rows, (long) (i + 1) * rows + System.currentTimeMillis() % 1_000_000 * 10_000L);
            Timeline t = runOnce(flow, tap, pipeline, stamp + "-" + i + ".csv", csv, Duration.ofMinutes(2));
            if (i >= warmup) {
                timelines.add(t);
            }
            System.out.println((i < warmup ? "warm-up " : "run " + (i - warmup + 1) + "  ") + t.line());
            Thread.sleep(200);
        }
        summary(timelines, rows);

        if (baseline) {
            System.out.println("\nBaseline in the same run (fixed costs and the work itself, no flow around it):");
            // Not the landing container: a file there would start a run.
            BlobContainerClient scratch = clients.blob().getBlobContainerClient(InProcessFlow.CONTAINER);
            scratch.createIfNotExists();
            byte[] csv = csv(rows, 1);
            System.out.printf("  Kafka produce+consume round trip (acks=all, idempotent producer): %s%n",
                    stats(kafkaRoundTrips(clients.kafka(), 20)));
            System.out.printf("  one blob poll that finds the file (list prefix + conditional download of %d KB): %s%n",
                    csv.length / 1024, stats(blobPolls(scratch, csv, 10)));
            String someRun = timelines.get(0).runId();
            long[] gets = new long[10];
            for (int i = 0; i < gets.length; i++) {
                gets[i] = flow.getRunNanos(someRun);
            }
            System.out.printf("  one GET /api/runs/{id} (how the benchmark observes a run): %s%n", stats(gets));
            flow.putPipeline(pipeline + "-inproc", LATENCY_PIPELINE.formatted(pipeline + "-inproc", EngineBenchmark.FIELDS, database));
            List<InProcessFlow.Result> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                InProcessFlow.Result r = inProcess.run(pipeline + "-inproc", stamp + "-" + i + ".csv",
                        csv(rows, 900_000_000L + (long) i * rows), 1);
                if (i > 0) {
                    results.add(r);
                }
            }
            printInProcess("  same 3 stages in-process (RunStarter + StageWorker, no Functions/Kafka/durable), 5 runs after 1 warm-up",
                    results);
        }
    }

    // --- throughput --------------------------------------------------------------------------------

    private static void throughput(FlowClient flow, StageEventTap tap, InProcessFlow inProcess, boolean baseline)
            throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        int warmup = Integer.getInteger("bench.warmup", 1);
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        int chunkRows = Integer.getInteger("bench.chunkRows", 10_000);
        String pipeline = "bench-throughput";
        flow.putPipeline(pipeline, THROUGHPUT_PIPELINE.formatted(pipeline, EngineBenchmark.FIELDS,
                EngineBenchmark.TRANSFORM_STEPS, chunkRows));
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        byte[] csv = csv(rows, 0);
        System.out.printf("%n%,d-row CSV (%.1f MB), ingest -> transform (clean, 5 rules, CEL set + filter) -> blob sink (CSV), "
                + "chunkRows %,d; %d warm-up run(s), then %d%n", rows, csv.length / 1e6, chunkRows, warmup, runs);
        List<Timeline> timelines = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            Timeline t = runOnce(flow, tap, pipeline, stamp + "-" + i + ".csv", csv, Duration.ofMinutes(10));
            if (i >= warmup) {
                timelines.add(t);
            }
            System.out.printf("%s%s  -> %,.0f rows/s (%,.0f rows/s from the upload's end)%n",
                    i < warmup ? "warm-up " : "run " + (i - warmup + 1) + "  ", t.line(),
                    rows / (t.totalNanos() / 1e9), rows / ((t.totalNanos() - t.uploadNanos()) / 1e9));
            Thread.sleep(1000);
        }
        summary(timelines, rows);
        long[] totals = timelines.stream().mapToLong(Timeline::totalNanos).sorted().toArray();
        System.out.printf("median %,.0f rows/s end to end (from the upload's start; target 150,000), best %,.0f rows/s%n",
                rows / (median(totals) / 1e9), rows / (totals[0] / 1e9));

        if (baseline) {
            System.out.println("\nBaseline in the same run: the same stages in-process (RunStarter + StageWorker on the same "
                    + "services, no Functions/Kafka/durable)");
            for (int threads : new int[] {1, 2}) {
                List<InProcessFlow.Result> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(inProcess.run(pipeline, stamp + "-inproc-" + threads + "-" + i + ".csv", csv, threads));
                }
                printInProcess("  " + threads + " worker thread(s), 2 runs", results);
            }
        }
    }

    // --- one run through the flow ------------------------------------------------------------------

    private static Timeline runOnce(FlowClient flow, StageEventTap tap, String pipeline, String name, byte[] csv,
                                    Duration timeout) throws Exception {
        FlowClient.Drop drop = flow.drop(pipeline, name, csv);
        FlowClient.Finished finished = flow.awaitFinal(drop.runId(), timeout);
        flow.removeLanded(drop);
        JsonNode record = finished.record();
        if (!record.path("status").asText().equals("Completed")) {
            throw new IllegalStateException("run " + drop.runId() + " ended " + record.path("status").asText() + ": "
                    + record.path("error").asText());
        }
        int answers = 0;
        for (JsonNode stage : record.path("stages")) {
            if (stage.path("index").asInt() > 0) {
                answers += stage.path("chunks").asInt();
            }
        }
        List<StageEventTap.StageSeen> seen = tap.stages(drop.runId(), answers, Duration.ofSeconds(3));
        tap.forget(drop.runId());
        return Timeline.of(drop, finished, seen);
    }

    /** Where one run's time went, in milliseconds from the start of the upload. */
    record Timeline(String runId, long totalNanos, long uploadNanos, long toRecord, long ingest, long toDispatch,
                    List<StageTimes> stages, long finishToSeen, int polls) {

        record StageTimes(String name, int chunks, long queue, long work, long handoff, long busy,
                          Map<String, Long> phases, long recordMs) {
        }

        static Timeline of(FlowClient.Drop drop, FlowClient.Finished finished, List<StageEventTap.StageSeen> seen) {
            JsonNode record = finished.record();
            Instant t0 = drop.startedAt();
            Instant uploaded = t0.plusNanos(drop.uploadNanos());
            Instant recorded = Instant.parse(record.path("startedAt").asText());
            Instant finishedAt = Instant.parse(record.path("finishedAt").asText());
            long total = finished.seenNanos() - drop.startNanos();
            Instant seenAt = t0.plusNanos(total);
            JsonNode stagesJson = record.path("stages");
            long ingest = stagesJson.path(0).path("durationMs").asLong();
            Instant ingestEnd = recorded.plusMillis(ingest);
            List<StageTimes> stages = new ArrayList<>();
            for (int i = 0; i < seen.size(); i++) {
                StageEventTap.StageSeen s = seen.get(i);
                Instant next = i + 1 < seen.size() ? seen.get(i + 1).firstDispatch() : finishedAt;
                long recordMs = i + 1 < stagesJson.size() ? stagesJson.path(i + 1).path("durationMs").asLong() : -1;
                stages.add(new StageTimes(s.stage(), s.answers(), ms(s.firstDispatch(), s.firstStart()),
                        ms(s.firstStart(), s.lastFinish()), ms(s.lastFinish(), next), s.busyMillis(), s.phaseMillis(),
                        recordMs));
            }
            long toDispatch = seen.isEmpty() ? 0 : ms(ingestEnd, seen.get(0).firstDispatch());
            return new Timeline(drop.runId(), total, drop.uploadNanos(), ms(uploaded, recorded), ingest, toDispatch, stages,
                    ms(finishedAt, seenAt), finished.polls());
        }

        long totalMs() {
            return totalNanos / 1_000_000;
        }

        String line() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%,7d ms = upload %d + to record %d + ingest %d + to dispatch %d", totalMs(),
                    uploadNanos / 1_000_000, toRecord, ingest, toDispatch));
            for (StageTimes s : stages) {
                b.append(String.format(" | %s: queue %d + work %d + hand-off %d", s.name(), s.queue(), s.work(), s.handoff()));
            }
            b.append(String.format(" | seen +%d", finishToSeen));
            return b.toString();
        }
    }

    private static void summary(List<Timeline> timelines, int rows) {
        long[] totals = timelines.stream().mapToLong(Timeline::totalNanos).toArray();
        System.out.printf("%nDrop to Completed over %d runs: %s%n", timelines.size(), stats(totals));
        System.out.println("Median of each part (ms; the parts' medians need not add up to the total's):");
        part(timelines, "upload (client to Azurite)", t -> t.uploadNanos() / 1_000_000);
        part(timelines, "upload end -> run record Pending (blob poll wait, download, pipeline lookup, record)", Timeline::toRecord);
        part(timelines, "ingest (parse, chunk, write chunks; the record's durationMs)", Timeline::ingest);
        part(timelines, "ingest end -> first dispatch (record, schedule, orchestrator start, RecordProgress, dispatch)",
                Timeline::toDispatch);
        int stages = timelines.get(0).stages().size();
        for (int i = 0; i < stages; i++) {
            int k = i;
            Timeline.StageTimes first = timelines.get(0).stages().get(k);
            String name = first.name() + " (" + first.chunks() + " chunk" + (first.chunks() == 1 ? "" : "s") + ")";
            part(timelines, name + ": dispatch -> first chunk started (Kafka delivery)", t -> t.stages().get(k).queue());
            part(timelines, name + ": first chunk started -> last finished", t -> t.stages().get(k).work());
            for (String phase : first.phases().keySet()) {
                part(timelines, name + ":   sum over chunks of '" + phase + "'",
                        t -> t.stages().get(k).phases().getOrDefault(phase, 0L));
            }
            part(timelines, name + ":   sum over chunks of the whole task", t -> t.stages().get(k).busy());
            part(timelines, name + ": last chunk finished -> " + (k + 1 < stages ? "next stage dispatched" : "run finished")
                    + " (StageDone, relay, raise, InspectStage, "
                    + (k + 1 < stages ? "continue-as-new, RecordProgress, dispatch)" : "FinishRun)"),
                    t -> t.stages().get(k).handoff());
            part(timelines, name + ": the record's durationMs (dispatch to inspected)", t -> t.stages().get(k).recordMs());
        }
        part(timelines, "finished -> seen Completed by polling GET /api/runs/{id}", Timeline::finishToSeen);
    }

    private static void part(List<Timeline> timelines, String what, ToLongFunction<Timeline> value) {
        long[] values = timelines.stream().mapToLong(value).sorted().toArray();
        System.out.printf("  %7d  %s (min %d, max %d)%n", median(values), what, values[0], values[values.length - 1]);
    }

    /** The middle value; the mean of the two middle values for an even count. */
    private static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void printInProcess(String title, List<InProcessFlow.Result> results) {
        System.out.println(title + ":");
        for (InProcessFlow.Result r : results) {
            StringBuilder b = new StringBuilder(String.format("    %,7d ms = ingest %d", r.totalNanos() / 1_000_000,
                    r.ingestNanos() / 1_000_000));
            for (int i = 0; i < r.stageNanos().size(); i++) {
                b.append(String.format(" + stage %d: %d", i + 1, r.stageNanos().get(i) / 1_000_000));
            }
            b.append(String.format("  (%,.0f rows/s)", r.rowsRead() / (r.totalNanos() / 1e9)));
            System.out.println(b);
        }
        long[] totals = results.stream().mapToLong(InProcessFlow.Result::totalNanos).toArray();
        System.out.println("    " + stats(totals));
    }

    // --- fixed costs -------------------------------------------------------------------------------

    private static long[] kafkaRoundTrips(KafkaClientConfigs configs, int count) throws Exception {
        String topic = "doe-bench-ping";
        try (Admin admin = Admin.create(configs.admin("doe-bench-admin"))) {
            new LocalTopics(admin, configs).ensure(List.of(topic), 1);
        }
        Map<String, Object> consumerConfig = configs.consumer("unused", "doe-bench-ping");
        consumerConfig.remove("group.id");
        BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(count * 2);
        long[] out = new long[count];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(configs.producer("doe-bench-ping"));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            Thread poller = new Thread(() -> {
                try {
                    while (true) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                            arrivals.add(System.nanoTime());
                        }
                    }
                } catch (WakeupException stopped) {
                    // asked to stop
                }
            }, "bench-ping");
            poller.setDaemon(true);
            poller.start();
            for (int i = -2; i < count; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, new byte[200])).get();
                Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("a ping on " + topic + " did not arrive within 10 s");
                }
                if (i >= 0) {
                    out[i] = arrived - start;
                }
                Thread.sleep(20);
            }
            consumer.wakeup();
            poller.join(2_000);
        }
        return out;
    }

    private static long[] blobPolls(BlobContainerClient container, byte[] csv, int count) {
        String prefix = "bench-fixed-costs/";
        String name = prefix + "file.csv";
        container.getBlobClient(name).upload(BinaryData.fromBytes(csv), true);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            for (var item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
                container.getBlobClient(item.getName()).downloadContent().toBytes();
            }
            out[i] = System.nanoTime() - start;
        }
        container.getBlobClient(name).deleteIfExists();
        return out;
    }

    // --- data and statistics -----------------------------------------------------------------------

    /** {@code rows} rows with ids from {@code firstId}; the same columns as the engine benchmark's file. */
    static byte[] csv(int rows, long firstId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 70);
        Random rnd = new Random(firstId);
        String[] states = {"TX", "CA", "NY", "WA"};
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write("id,code,name,state,lat,lon,amount,active\n");
            StringBuilder line = new StringBuilder(96);
            for (int i = 0; i < rows; i++) {
                long id = firstId + i;
                line.setLength(0);
                line.append(id).append(',');
                int len = 3 + (i & 1);
                for (int c = 0; c < len; c++) {
                    line.append(letters.charAt(rnd.nextInt(26)));
                }
                line.append(", Airport number ").append(id % 10_000).append(" ,").append(states[i & 3]).append(',')
                        .append(Math.round(rnd.nextDouble() * 18000 - 9000) / 100.0).append(',')
                        .append(Math.round(rnd.nextDouble() * -12000) / 100.0).append(',')
                        .append(Math.round(rnd.nextDouble() * 100000) / 100.0).append(i % 2 == 0 ? ",true\n" : ",false\n");
                w.append(line);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** p50 and p95 by nearest rank, min and max, in milliseconds. */
    static String stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %s ms, p95 %s ms (nearest rank; min %s, max %s, n=%d)", ms(rank(sorted, 0.50)),
                ms(rank(sorted, 0.95)), ms(sorted[0]), ms(sorted[sorted.length - 1]), sorted.length);
    }

    private static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
        return nanos >= 100_000_000 ? String.format(Locale.ROOT, "%,d", nanos / 1_000_000)
                : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static long ms(Instant from, Instant to) {
        return from == null || to == null ? -1 : Duration.between(from, to).toMillis();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
