package com.doe.sink.kafka;

import com.azure.storage.blob.BlobContainerClient;
import com.doe.DoeException;
import com.doe.RetryableException;
import com.doe.chunk.Chunk;
import com.doe.chunk.SourcedRecord;
import com.doe.format.AvroSchemas;
import com.doe.kafka.KafkaClientConfigs;
import com.doe.kafka.LocalTopics;
import com.doe.schema.DatasetSchemas;
import com.doe.schema.RegisteredSchema;
import com.doe.schema.SchemaRegistry;
import com.doe.sink.RunContext;
import com.doe.sink.Sink;
import com.doe.sink.SinkDetail;
import com.doe.sink.SinkResult;
import com.doe.sink.SinkRows;
import com.doe.sink.SinkStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Publishes rows to a Kafka topic (an event hub in Azure). Values are Avro single-object encoded with the
 * rows' schema registered under {@code dataset.<pipelineId>} in the schema registry, so any consumer
 * decodes them by fingerprint; the key is the {@code key} fields' text (as for Cosmos DB ids), UTF-8; no key
 * fields means no key. Each record carries headers {@code doe.chunk} ({@code runId/stepId/chunk}) and
 * {@code doe.row} (the row's line or record index in the source file).
 *
 * <p><b>Guarantee: within a run, each row is produced once, however often its chunk is delivered.</b> The
 * idempotent producer only removes duplicates from its own internal retries; a re-delivered chunk would be
 * a second, legitimate send. So each chunk has a claim marker in Blob Storage ({@link ChunkClaims}):
 * <ol>
 *   <li>a delivery takes the marker's lease (another delivery holding it makes this one retry later);</li>
 *   <li>{@code done}: nothing is produced again;</li>
 *   <li>new: it records every partition's end offset, produces the chunk, waits for every acknowledgement,
 *       marks the chunk {@code done};</li>
 *   <li>interrupted earlier (marker says {@code producing}): it reads the topic back from the recorded
 *       offsets, finds the rows of this chunk already there by their headers, and produces only the
 *       rest.</li>
 * </ol>
 * The read-back waits until the interrupted delivery cannot have records in flight: at once if it settled
 * (every send completed before it gave up), otherwise {@code quietPeriod} after its last heartbeat (default
 * 150 s: the producer's 120 s delivery timeout plus a heartbeat interval). The guarantee therefore assumes
 * clocks agree to well within that margin and that the topic keeps records at least as long as a run
 * (retention). Across runs the same rows are published again by design (a new run is new data).
 *
 * <p>Bad data: a row whose encoded record exceeds what Event Hubs accepts (1,000,000-byte requests) is
 * quarantined. Thread-safe; {@link #close()} closes the sink's read-back consumer (the producer is shared
 * and closed by its owner).
 */
public final class KafkaSink implements Sink, AutoCloseable {

    /** Headers every record carries. */
    public static final String CHUNK_HEADER = "doe.chunk";
    public static final String ROW_HEADER = "doe.row";
    /** Default wait before reading back after a delivery that died without settling. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(150);

    private static final int MAX_RECORD_BYTES = KafkaClientConfigs.MAX_REQUEST_SIZE - 1024;
    private static final long HEARTBEAT_MILLIS = 20_000;
    private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(120);

    private final String pipelineId;
    private final String stepId;
    private final KafkaSinkConfig config;
    private final Producer<byte[], byte[]> producer;
    private final KafkaClientConfigs configs;
    private final SchemaRegistry registry;
    private final ChunkClaims claims;
    private final Duration quietPeriod;
    private final Map<Schema, BinaryMessageEncoder<GenericRecord>> encoders = new ConcurrentHashMap<>();
    private Consumer<byte[], byte[]> consumer;
    private volatile boolean topicReady;

    /**
     * @param markers     the container of the claim markers (the {@code work} container)
     * @param quietPeriod how long after an unsettled delivery's last heartbeat the chunk is read back
     */
    public KafkaSink(String pipelineId, String stepId, KafkaSinkConfig config, Producer<byte[], byte[]> producer,
                     KafkaClientConfigs configs, SchemaRegistry registry, BlobContainerClient markers,
                     Duration quietPeriod, Clock clock) {
        this.pipelineId = pipelineId;
        this.stepId = stepId;
        this.config = config;
        this.producer = producer;
        this.configs = configs;
        this.registry = registry;
        this.claims = new ChunkClaims(markers, clock);
        this.quietPeriod = quietPeriod;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    /** The marker of one chunk for one topic in the markers container. */
    public static String markerName(String runId, String stepId, String topic, int chunk) {
        return runId + "/sinks/" + stepId + "/" + topic + "/" + String.format("%05d", chunk) + ".kafka";
    }

    @Override
    public SinkResult write(RunContext run, Chunk chunk) {
        long start = System.nanoTime();
        String chunkKey = run.runId() + "/" + stepId + "/" + String.format("%05d", chunk.id().index());
        List<SinkResult.RejectedRow> rejected = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = encode(chunkKey, chunk, rejected);
        long produced = 0;
        long present = 0;
        long bytes = 0;
        if (!records.isEmpty()) {
            ensureTopic();
            try (ChunkClaims.Claim claim = claims.claim(markerName(run.runId(), stepId, config.topic(), chunk.id().index()))) {
                List<ProducerRecord<byte[], byte[]>> toSend = records;
                switch (claim.state()) {
                    case DONE -> toSend = List.of();
                    case NEW -> claim.producing(endOffsets());
                    case PRODUCING -> {
                        if (claim.millisSinceLife() < quietPeriod.toMillis()) {
                            throw new RetryableException("Step '" + stepId + "': an earlier delivery of " + chunkKey
                                    + " stopped while producing and may still have records in flight; the chunk is "
                                    + "resumed once " + quietPeriod.toSeconds() + " s have passed since its last heartbeat.");
                        }
                        Set<String> there = readBack(claim.offsets(), chunkKey);
                        toSend = records.stream().filter(r -> !there.contains(header(r, ROW_HEADER))).toList();
                        claim.heartbeat();
                    }
                }
                present = records.size() - toSend.size();
                send(toSend, claim, chunkKey);
                claim.done();
                produced = toSend.size();
                for (ProducerRecord<byte[], byte[]> r : toSend) {
                    bytes += r.value().length;
                }
            }
        }
        rejected.sort(java.util.Comparator.comparingInt(SinkResult.RejectedRow::row));
        return new SinkResult(rejected, new SinkStats(stepId, "kafka", chunk.size(), chunk.size() - rejected.size(),
                rejected.size(), System.nanoTime() - start, new SinkDetail.Kafka(produced, present, bytes)));
    }

    private List<ProducerRecord<byte[], byte[]>> encode(String chunkKey, Chunk chunk, List<SinkResult.RejectedRow> rejected) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(chunk.size());
        if (chunk.rows().isEmpty()) {
            return out;
        }
        Schema schema = chunk.rows().get(0).record().getSchema();
        BinaryMessageEncoder<GenericRecord> encoder = encoders.computeIfAbsent(schema, this::register);
        int[] keyPositions = SinkRows.positions(schema, config.key());
        byte[] chunkHeader = chunkKey.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < chunk.size(); i++) {
            SourcedRecord row = chunk.rows().get(i);
            byte[] value;
            try {
                ByteBuffer buffer = encoder.encode(row.record());
                value = new byte[buffer.remaining()];
                buffer.get(value);
            } catch (IOException e) {
                throw new DoeException("Step '" + stepId + "': encoding a row in memory failed: " + e.getMessage(), e);
            }
            String keyText = keyPositions.length == 0 ? null : SinkRows.keyText(row.record(), keyPositions);
            byte[] key = keyText == null ? null : keyText.getBytes(StandardCharsets.UTF_8);
            int size = value.length + (key == null ? 0 : key.length);
            if (size > MAX_RECORD_BYTES) {
                rejected.add(new SinkResult.RejectedRow(i, SinkRows.rejection(stepId, row, "too-large", null, null,
                        "the encoded record is " + size + " bytes; Event Hubs accepts requests of at most "
                                + KafkaClientConfigs.MAX_REQUEST_SIZE + " bytes")));
                continue;
            }
            String rowId = row.source() == null ? "chunk-row " + i : Long.toString(row.source().position());
            List<Header> headers = List.of(new RecordHeader(CHUNK_HEADER, chunkHeader),
                    new RecordHeader(ROW_HEADER, rowId.getBytes(StandardCharsets.UTF_8)));
            out.add(new ProducerRecord<>(config.topic(), null, key, value, headers));
        }
        return out;
    }

    /** Registers the rows' schema under {@code dataset.<pipelineId>} (idempotent, cached by the registry). */
    private BinaryMessageEncoder<GenericRecord> register(Schema schema) {
        RegisteredSchema registered = registry.register(DatasetSchemas.subject(pipelineId), schema);
        return new BinaryMessageEncoder<>(AvroSchemas.MODEL, registered.schema());
    }

    private void send(List<ProducerRecord<byte[], byte[]>> records, ChunkClaims.Claim claim, String chunkKey) {
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        Exception failure = null;
        try {
            for (ProducerRecord<byte[], byte[]> r : records) {
                futures.add(producer.send(r));
            }
            producer.flush();
        } catch (KafkaException e) {
            failure = e;
        }
        long lastBeat = System.currentTimeMillis();
        for (Future<RecordMetadata> f : futures) {
            while (true) {
                try {
                    f.get(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException slow) {
                    claim.heartbeat();
                    lastBeat = System.currentTimeMillis();
                } catch (ExecutionException e) {
                    failure = failure == null ? (Exception) e.getCause() : failure;
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RetryableException("Step '" + stepId + "': interrupted while producing " + chunkKey, e);
                }
            }
            if (System.currentTimeMillis() - lastBeat > HEARTBEAT_MILLIS) {
                claim.heartbeat();
                lastBeat = System.currentTimeMillis();
            }
        }
        if (failure != null) {
            claim.settled();
            String msg = "Step '" + stepId + "': producing " + chunkKey + " to topic '" + config.topic() + "' failed: "
                    + failure.getMessage();
            boolean denied = failure instanceof org.apache.kafka.common.errors.AuthorizationException
                    || failure instanceof org.apache.kafka.common.errors.AuthenticationException;
            throw denied ? new DoeException(msg + ". Check KafkaSaslPassword (the Event Hubs connection string) and its "
                    + "Send and Listen rights.", failure)
                    : new RetryableException(msg + "; the next delivery produces only the records missing", failure);
        }
    }

    /** Each partition's end offset now. */
    private synchronized Map<Integer, Long> endOffsets() {
        Consumer<byte[], byte[]> c = consumer();
        try {
            List<TopicPartition> parts = partitions(c);
            Map<Integer, Long> out = new HashMap<>();
            c.endOffsets(parts, Duration.ofSeconds(60)).forEach((tp, o) -> out.put(tp.partition(), o));
            return out;
        } catch (KafkaException e) {
            throw new RetryableException("Step '" + stepId + "': could not read the end offsets of topic '"
                    + config.topic() + "': " + e.getMessage(), e);
        }
    }

    /** The {@code doe.row} values of this chunk's records found from {@code offsets} to the current end. */
    private synchronized Set<String> readBack(Map<Integer, Long> offsets, String chunkKey) {
        Consumer<byte[], byte[]> c = consumer();
        Set<String> rows = new HashSet<>();
        try {
            List<TopicPartition> parts = partitions(c);
            c.assign(parts);
            for (TopicPartition tp : parts) {
                c.seek(tp, offsets.getOrDefault(tp.partition(), 0L));
            }
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + READ_BACK_TIMEOUT.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new RetryableException("Step '" + stepId + "': reading back topic '" + config.topic()
                            + "' to resume " + chunkKey + " took longer than " + READ_BACK_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    Header h = r.headers().lastHeader(CHUNK_HEADER);
                    if (h != null && chunkKey.equals(new String(h.value(), StandardCharsets.UTF_8))) {
                        Header row = r.headers().lastHeader(ROW_HEADER);
                        if (row != null) {
                            rows.add(new String(row.value(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            c.assign(List.of());
            return rows;
        } catch (KafkaException e) {
            throw new RetryableException("Step '" + stepId + "': could not read back topic '" + config.topic() + "': "
                    + e.getMessage(), e);
        }
    }

    private List<TopicPartition> partitions(Consumer<byte[], byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(config.topic(), Duration.ofSeconds(60));
        if (infos == null || infos.isEmpty()) {
            throw new DoeException("Step '" + stepId + "': topic '" + config.topic() + "' does not exist. In Azure, "
                    + "provision the event hub in infra/; locally DOE creates it.");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private Consumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(configs.consumer("doe-sink-" + stepId, "doe-sink-" + stepId + "-readback"));
        }
        return consumer;
    }

    private void ensureTopic() {
        if (topicReady || !configs.isLocal()) {
            return;
        }
        try (Admin admin = Admin.create(configs.admin("doe-sink-" + stepId))) {
            new LocalTopics(admin, configs).ensure(List.of(config.topic()), 4);
        }
        topicReady = true;
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }
}
