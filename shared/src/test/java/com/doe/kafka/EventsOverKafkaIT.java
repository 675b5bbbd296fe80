package com.doe.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.event.EventCodec;
import com.doe.event.EventType;
import com.doe.event.TestEvents;
import com.doe.event.avro.StageTask;
import com.doe.event.test.v1.Shipment;
import com.doe.schema.CompatibilityMode;
import com.doe.schema.SchemaRegistry;
import com.doe.schema.cosmos.CosmosRegistryStore;
import com.doe.schema.cosmos.CosmosTestSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events through a real Kafka broker, with the registry on the Cosmos-compatible server. */
class EventsOverKafkaIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static CosmosTestSupport cosmos;
    private static CosmosRegistryStore store;
    private static KafkaClientConfigs kafka;
    private static KafkaProducer<byte[], byte[]> producer;
    private static Admin admin;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String DEAD_LETTERS = "it.dead-letter." + RUN;

    @BeforeAll
    static void connect() {
        cosmos = new CosmosTestSupport();
        store = cosmos.store();
        kafka = KafkaClientConfigs.fromSettings(cosmos.settings());
        producer = new KafkaProducer<>(kafka.producer("it-producer"));
        admin = Admin.create(kafka.admin("it-admin"));
    }

    @AfterAll
    static void close() {
        producer.close();
        admin.close();
        cosmos.close();
    }

    private static String topic(String name) {
        String topic = "it." + name + "." + RUN;
        new LocalTopics(admin, kafka).ensure(List.of(topic, DEAD_LETTERS), 1);
        return topic;
    }

    private static void send(String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer("it-" + UUID.randomUUID(), "it"));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void pollUntil(EventPoller<?> poller, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
            poller.pollOnce(Duration.ofMillis(200));
        }
    }

    @Test
    void consumerCompiledAgainstV2ReadsEventsWrittenWithV1() throws Exception {
        String topic = topic("shipments-backward");
        String subject = "event.it.ShipmentBackward";
        EventCodec<Shipment> v1Producer = EventCodec.register(new SchemaRegistry(store),
                TestEvents.shipmentV1(topic, subject));
        send(topic, v1Producer.encode(TestEvents.shipmentV1("s-1", 1500)));

        EventCodec<com.doe.event.test.v2.Shipment> v2Consumer = EventCodec.register(new SchemaRegistry(store),
                TestEvents.shipmentV2(topic, subject));
        List<com.doe.event.test.v2.Shipment> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            pollUntil(new EventPoller<>(consumer, v2Consumer, new DeadLetterPublisher(producer, DEAD_LETTERS),
                    (event, at) -> received.add(event)), () -> !received.isEmpty());
        }

        assertThat(received).singleElement().satisfies(event -> {
            assertThat(event.getShipmentId()).isEqualTo("s-1");
            assertThat(event.getWeightGrams()).isEqualTo(1500);
            assertThat(event.getCarrier()).isEqualTo("unknown");
        });
        assertThat(new SchemaRegistry(store).versions(subject)).containsExactly(1, 2);
    }

    @Test
    void consumerStillOnV1ReadsEventsWrittenWithV2UnderForward() throws Exception {
        String topic = topic("shipments-forward");
        String subject = "event.it.ShipmentForward";
        SchemaRegistry registry = new SchemaRegistry(store);
        registry.setMode(subject, CompatibilityMode.FORWARD);
        EventCodec<Shipment> v1Consumer = EventCodec.register(registry, TestEvents.shipmentV1(topic, subject));
        EventCodec<com.doe.event.test.v2.Shipment> v2Producer = EventCodec.register(new SchemaRegistry(store),
                TestEvents.shipmentV2(topic, subject));
        send(topic, v2Producer.encode(TestEvents.shipmentV2("s-2", 700, "ups")));

        List<Shipment> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            pollUntil(new EventPoller<>(consumer, v1Consumer, new DeadLetterPublisher(producer, DEAD_LETTERS),
                    (event, at) -> received.add(event)), () -> !received.isEmpty());
        }

        assertThat(received).singleElement().satisfies(event -> {
            assertThat(event.getShipmentId()).isEqualTo("s-2");
            assertThat(event.getWeightGrams()).isEqualTo(700);
        });
        assertThat(v2Producer.writerSchema().version()).isEqualTo(2);
    }

    @Test
    void plainAvroDecodesAnEventTakenOffTheTopicGivenOnlyTheSchemaJson() throws Exception {
        String topic = topic("interop");
        EventCodec<StageTask> codec = EventCodec.register(new SchemaRegistry(store), EventType.STAGE_TASK);
        StageTask sent = TestEvents.stageTask(4);
        send(topic, codec.encode(sent));
        byte[] value = null;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            Instant deadline = Instant.now().plus(DEADLINE);
            while (value == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    value = record.value();
                }
            }
        }

        // From here on: Apache Avro only, and the schema file as any other team would receive it.
        Schema schema = new Schema.Parser().parse(Files.readString(Path.of("src/main/avro/StageTask.avsc")));
        assertThat(value).isNotNull();
        assertThat(value[0]).isEqualTo((byte) 0xC3);
        assertThat(value[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(schema));
        GenericRecord body = new GenericDatumReader<GenericRecord>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null));
        GenericRecord viaMessageDecoder = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), schema).decode(value);

        assertThat(body).isEqualTo(viaMessageDecoder);
        assertThat(body.get("eventId").toString()).isEqualTo(sent.getEventId());
        assertThat(body.get("stageIndex")).isEqualTo(4);
        assertThat(body.get("inputChunkUri").toString()).isEqualTo(sent.getInputChunkUri());
        assertThat(body.get("occurredAt")).isEqualTo(sent.getOccurredAt().toEpochMilli());
    }

    @Test
    void corruptMessageAndUnknownFingerprintAreDeadLetteredAndTheConsumerCarriesOn() throws Exception {
        String topic = topic("poison");
        EventCodec<StageTask> codec = EventCodec.register(new SchemaRegistry(store), EventType.STAGE_TASK);
        byte[] unknownFingerprint = codec.encode(TestEvents.stageTask(98));
        unknownFingerprint[4] ^= 0x42;
        send(topic, codec.encode(TestEvents.stageTask(1)));
        send(topic, "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
        send(topic, unknownFingerprint);
        send(topic, codec.encode(TestEvents.stageTask(2)));

        List<Integer> handled = new ArrayList<>();
        List<EventPoller.Outcome> outcomes = new ArrayList<>();
        EventCodec<StageTask> consumerCodec = EventCodec.register(new SchemaRegistry(store), EventType.STAGE_TASK);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(topic)) {
            EventPoller<StageTask> poller = new EventPoller<>(consumer, consumerCodec,
                    new DeadLetterPublisher(producer, DEAD_LETTERS), (event, at) -> handled.add(event.getStageIndex()));
            Instant deadline = Instant.now().plus(DEADLINE);
            while (outcomes.stream().mapToInt(EventPoller.Outcome::total).sum() < 4 && Instant.now().isBefore(deadline)) {
                outcomes.add(poller.pollOnce(Duration.ofMillis(200)));
            }
        }

        assertThat(handled).containsExactly(1, 2);
        assertThat(outcomes.stream().mapToInt(EventPoller.Outcome::deadLettered).sum()).isEqualTo(2);
        List<Map<String, String>> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(DEAD_LETTERS)) {
            Instant deadline = Instant.now().plus(DEADLINE);
            while (letters.stream().filter(l -> topic.equals(l.get(DeadLetterPublisher.SOURCE_TOPIC))).count() < 2
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(Map.of(
                            DeadLetterPublisher.SOURCE_TOPIC, header(record, DeadLetterPublisher.SOURCE_TOPIC),
                            DeadLetterPublisher.SOURCE_OFFSET, header(record, DeadLetterPublisher.SOURCE_OFFSET),
                            DeadLetterPublisher.REASON, header(record, DeadLetterPublisher.REASON),
                            DeadLetterPublisher.ERROR, header(record, DeadLetterPublisher.ERROR)));
                }
            }
        }
        List<Map<String, String>> ours = letters.stream()
                .filter(l -> topic.equals(l.get(DeadLetterPublisher.SOURCE_TOPIC))).toList();
        assertThat(ours).extracting(l -> l.get(DeadLetterPublisher.REASON))
                .containsExactly("NOT_SINGLE_OBJECT_ENCODED", "UNKNOWN_SCHEMA");
        assertThat(ours).extracting(l -> l.get(DeadLetterPublisher.SOURCE_OFFSET)).containsExactly("1", "2");
        assertThat(ours.get(1).get(DeadLetterPublisher.ERROR))
                .startsWith("Cannot decode the event at topic " + topic + " partition 0 offset 2: writer schema "
                        + "fingerprint ");
    }

    @Test
    void localTopicsCreatesOnlyWhatIsMissing() {
        String first = "it.created-a." + RUN;
        String second = "it.created-b." + RUN;
        LocalTopics topics = new LocalTopics(admin, kafka);

        assertThat(topics.ensure(List.of(first), 2)).containsExactly(first);
        assertThat(topics.ensure(List.of(first, second), 2)).containsExactly(second);
        assertThat(topics.ensure(List.of(first, second), 2)).isEmpty();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
