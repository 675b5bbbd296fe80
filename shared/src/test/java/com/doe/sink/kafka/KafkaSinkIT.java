package com.doe.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.doe.RetryableException;
import com.doe.chunk.Chunk;
import com.doe.clients.BlobClients;
import com.doe.kafka.KafkaClientConfigs;
import com.doe.pipeline.Pipeline;
import com.doe.plan.LoadStage;
import com.doe.schema.SchemaRegistry;
import com.doe.schema.cosmos.CosmosTestSupport;
import com.doe.sink.RunContext;
import com.doe.sink.SinkDetail;
import com.doe.sink.SinkFixtures;
import com.doe.sink.SinkStack;
import com.doe.sink.SinkStats;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NetworkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka sink against the stack's broker, with the schema registry on Cosmos DB and markers in Azurite. */
class KafkaSinkIT {

    private static CosmosTestSupport cosmos;
    private static SchemaRegistry registry;
    private static KafkaClientConfigs configs;
    private static KafkaProducer<byte[], byte[]> producer;
    private static BlobContainerClient markers;
    private static final List<KafkaSink> opened = new ArrayList<>();

    @BeforeAll
    static void connect() {
        cosmos = new CosmosTestSupport();
        registry = new SchemaRegistry(cosmos.store());
        configs = KafkaClientConfigs.fromSettings(SinkStack.settings());
        producer = new KafkaProducer<>(configs.producer("kafka-sink-it"));
        markers = BlobClients.create(SinkStack.settings()).getBlobContainerClient(SinkStack.unique("work-"));
    }

    @AfterAll
    static void cleanUp() {
        opened.forEach(KafkaSink::close);
        producer.close();
        markers.deleteIfExists();
        cosmos.close();
    }

    private static Pipeline pipeline(String pipelineId, String topic) {
        return SinkFixtures.pipeline(pipelineId, "{\"id\": \"stream\", \"type\": \"kafka\", \"topic\": \"" + topic
                + "\", \"key\": [\"iata\", \"state\"]}");
    }

    private static LoadStage stage(Pipeline p, Producer<byte[], byte[]> with, Duration quiet) {
        return SinkFixtures.loadStage(p, spec -> {
            KafkaSink sink = new KafkaSink(spec.pipelineId(), spec.stepId(), KafkaSinkConfig.from(spec.config()), with,
                    configs, registry, markers, quiet, Clock.systemUTC());
            opened.add(sink);
            return sink;
        });
    }

    private static LoadStage stage(Pipeline p) {
        return stage(p, producer, KafkaSink.DEFAULT_QUIET_PERIOD);
    }

    private static RunContext run(String pipelineId) {
        return new RunContext(pipelineId, SinkStack.unique("run-"), LocalDate.of(2024, 5, 17));
    }

    private static List<Map<String, Object>> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> SinkFixtures.route("A" + i, "Airport " + i, "A0", i)).toList();
    }

    /** Every record of the topic from the beginning. */
    private static List<ConsumerRecord<byte[], byte[]>> consume(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(configs.consumer(SinkStack.unique("it-"), "kafka-sink-it"))) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private static List<String> rowIds(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.headers().lastHeader(KafkaSink.ROW_HEADER).value(),
                StandardCharsets.UTF_8)).sorted().toList();
    }

    private static SinkDetail.Kafka detail(LoadStage.Result r) {
        return (SinkDetail.Kafka) r.sinks().get(0).detail();
    }

    @Test
    void publishesEachRowAvroEncodedWithTheRegisteredDatasetSchemaAndItsKey() throws Exception {
        String pipelineId = SinkStack.unique("p-");
        String topic = SinkStack.unique("doe.sink.");
        Pipeline p = pipeline(pipelineId, topic);
        RunContext run = run(pipelineId);

        LoadStage.Result r = stage(p).process(run, SinkFixtures.chunk(p, run, 0, rows(0, 25)));

        List<ConsumerRecord<byte[], byte[]>> records = consume(topic);
        assertThat(records).hasSize(25);
        assertThat(registry.versions("dataset." + pipelineId)).containsExactly(1);
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(com.doe.format.AvroSchemas.MODEL,
                registry.latest("dataset." + pipelineId).schema(), registry.schemaStore());
        ConsumerRecord<byte[], byte[]> first = records.stream()
                .filter(c -> new String(c.key(), StandardCharsets.UTF_8).equals("A3|TX")).findFirst().orElseThrow();
        GenericRecord value = decoder.decode(first.value());
        assertThat(value.get("airport_name")).hasToString("Airport 3");
        assertThat(value.get("count")).isEqualTo(3L);
        assertThat(new String(first.headers().lastHeader(KafkaSink.CHUNK_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo(run.runId() + "/stream/00000");
        assertThat(new String(first.headers().lastHeader(KafkaSink.ROW_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("5");
        SinkStats stats = r.sinks().get(0);
        assertThat(stats.rowsWritten()).isEqualTo(25);
        assertThat(detail(r).produced()).isEqualTo(25);
        assertThat(detail(r).bytes()).isPositive();
    }

    @Test
    void chunkDeliveredTwiceWithinARunIsPublishedOnce() {
        String pipelineId = SinkStack.unique("p-");
        String topic = SinkStack.unique("doe.sink.");
        Pipeline p = pipeline(pipelineId, topic);
        RunContext run = run(pipelineId);
        Chunk chunk = SinkFixtures.chunk(p, run, 0, rows(0, 40));
        LoadStage stage = stage(p);

        stage.process(run, chunk);
        LoadStage.Result again = stage.process(run, chunk);

        assertThat(consume(topic)).hasSize(40);
        assertThat(detail(again).produced()).isZero();
        assertThat(detail(again).alreadyPresent()).isEqualTo(40);
        assertThat(again.sinks().get(0).rowsWritten()).isEqualTo(40);
    }

    @Test
    void twoChunksInEitherOrderPublishTheSameRecords() {
        String pipelineId = SinkStack.unique("p-");
        String one = SinkStack.unique("doe.sink.");
        String two = SinkStack.unique("doe.sink.");
        Pipeline p1 = pipeline(pipelineId, one);
        Pipeline p2 = pipeline(pipelineId, two);
        RunContext run = run(pipelineId);

        stage(p1).process(run, SinkFixtures.chunk(p1, run, 0, rows(0, 10)));
        stage(p1).process(run, SinkFixtures.chunk(p1, run, 1, rows(10, 20)));
        stage(p2).process(run, SinkFixtures.chunk(p2, run, 1, rows(10, 20)));
        stage(p2).process(run, SinkFixtures.chunk(p2, run, 0, rows(0, 10)));
        stage(p2).process(run, SinkFixtures.chunk(p2, run, 1, rows(10, 20)));

        assertThat(rowIds(consume(two))).isEqualTo(rowIds(consume(one))).hasSize(20);
    }

    @Test
    void deliveryThatFailedHalfwayIsResumedWithoutDuplicates() {
        String pipelineId = SinkStack.unique("p-");
        String topic = SinkStack.unique("doe.sink.");
        Pipeline p = pipeline(pipelineId, topic);
        RunContext run = run(pipelineId);
        Chunk chunk = SinkFixtures.chunk(p, run, 0, rows(0, 30));

        assertThatThrownBy(() -> stage(p, new FailingAfter(12, false), KafkaSink.DEFAULT_QUIET_PERIOD).process(run, chunk))
                .isInstanceOf(RetryableException.class).hasMessageContaining("produces only the records missing");
        assertThat(consume(topic)).hasSize(12);
        LoadStage.Result resumed = stage(p).process(run, chunk);

        assertThat(rowIds(consume(topic))).hasSize(30).doesNotHaveDuplicates();
        assertThat(detail(resumed).alreadyPresent()).isEqualTo(12);
        assertThat(detail(resumed).produced()).isEqualTo(18);
    }

    @Test
    void deliveryThatDiedWithoutSettlingIsResumedOnlyAfterTheQuietPeriod() {
        String pipelineId = SinkStack.unique("p-");
        String topic = SinkStack.unique("doe.sink.");
        Pipeline p = pipeline(pipelineId, topic);
        RunContext run = run(pipelineId);
        Chunk chunk = SinkFixtures.chunk(p, run, 0, rows(0, 20));

        assertThatThrownBy(() -> stage(p, new FailingAfter(7, true), KafkaSink.DEFAULT_QUIET_PERIOD).process(run, chunk))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stage(p).process(run, chunk))
                .isInstanceOf(RetryableException.class).hasMessageContaining("may still have records in flight");
        LoadStage.Result resumed = stage(p, producer, Duration.ZERO).process(run, chunk);

        assertThat(rowIds(consume(topic))).hasSize(20).doesNotHaveDuplicates();
        assertThat(detail(resumed).alreadyPresent()).isEqualTo(7);
    }

    @Test
    void secondDeliveryWhileTheFirstHoldsTheChunkRetriesLater() {
        String pipelineId = SinkStack.unique("p-");
        String topic = SinkStack.unique("doe.sink.");
        Pipeline p = pipeline(pipelineId, topic);
        RunContext run = run(pipelineId);
        Chunk chunk = SinkFixtures.chunk(p, run, 0, rows(0, 5));
        LoadStage stage = stage(p);
        stage.process(run, SinkFixtures.chunk(p, run, 1, rows(5, 6)));

        try (ChunkClaims.Claim held = new ChunkClaims(markers, Clock.systemUTC())
                .claim(KafkaSink.markerName(run.runId(), "stream", topic, 0))) {
            assertThatThrownBy(() -> stage.process(run, chunk))
                    .isInstanceOf(RetryableException.class).hasMessageContaining("Another delivery is producing");
        }
        stage.process(run, chunk);

        assertThat(consume(topic)).hasSize(6);
    }

    /**
     * The real producer for the first sends, then a failed send (a network error the producer reports) or a
     * crash of the delivery itself (an exception the sink does not expect, leaving the marker unsettled).
     */
    private static final class FailingAfter extends KafkaProducer<byte[], byte[]> {
        private final int sends;
        private final boolean crash;
        private final AtomicInteger count = new AtomicInteger();

        FailingAfter(int sends, boolean crash) {
            super(configs.producer("kafka-sink-it-failing"));
            this.sends = sends;
            this.crash = crash;
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (count.getAndIncrement() < sends) {
                return super.send(record, callback);
            }
            if (crash) {
                flush();
                throw new IllegalStateException("the worker died");
            }
            return CompletableFuture.failedFuture(new NetworkException("connection lost"));
        }
    }
}
