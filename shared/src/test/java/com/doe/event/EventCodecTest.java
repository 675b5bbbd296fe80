package com.doe.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.RetryableException;
import com.doe.event.UndecodableEventException.Reason;
import com.doe.event.avro.StageTask;
import com.doe.event.test.v1.Shipment;
import com.doe.schema.CompatibilityMode;
import com.doe.schema.Fingerprints;
import com.doe.schema.InMemoryRegistryStore;
import com.doe.schema.IncompatibleSchemaException;
import com.doe.schema.RegistryStore;
import com.doe.schema.SchemaRegistry;
import com.doe.schema.SubjectState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final RecordPosition AT = new RecordPosition("doe.stage-task", 2, 41);

    private final InMemoryRegistryStore store = new InMemoryRegistryStore();
    private final SchemaRegistry registry = new SchemaRegistry(store);

    @Test
    void stageTaskRoundTripsThroughSingleObjectEncoding() {
        EventCodec<StageTask> codec = EventCodec.register(registry, EventType.STAGE_TASK);
        StageTask task = TestEvents.stageTask(1);

        byte[] bytes = codec.encode(task);

        assertThat(codec.decode(bytes, AT)).isEqualTo(task);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(Fingerprints.fingerprint(StageTask.getClassSchema()));
        assertThat(registry.latest("event.StageTask").fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void consumerOnV2ReadsEventsWrittenWithV1UsingTheDefault() {
        EventCodec<Shipment> producer = EventCodec.register(registry, TestEvents.shipmentV1("t"));
        EventCodec<com.doe.event.test.v2.Shipment> consumer =
                EventCodec.register(new SchemaRegistry(store), TestEvents.shipmentV2("t"));

        com.doe.event.test.v2.Shipment read = consumer.decode(producer.encode(TestEvents.shipmentV1("s-1", 1200)), AT);

        assertThat(read.getShipmentId()).isEqualTo("s-1");
        assertThat(read.getWeightGrams()).isEqualTo(1200);
        assertThat(read.getCarrier()).isEqualTo("unknown");
        assertThat(consumer.writerSchema().version()).isEqualTo(2);
    }

    @Test
    void producerWhoseSchemaBreaksTheSubjectCannotStart() {
        registry.register(TestEvents.SHIPMENT_SUBJECT, SchemaBuilder.record("Shipment").fields()
                .requiredString("eventId").requiredString("shipmentId").requiredLong("weightGrams")
                .requiredString("carrier").endRecord());
        registry.setMode(TestEvents.SHIPMENT_SUBJECT, CompatibilityMode.FORWARD);

        assertThatThrownBy(() -> EventCodec.register(registry, TestEvents.shipmentV1("t")))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("field `carrier` (string) was removed without a default");
    }

    @Test
    void unknownFingerprintIsAPermanentErrorNamingThePosition() {
        EventCodec<StageTask> codec = EventCodec.register(registry, EventType.STAGE_TASK);
        byte[] bytes = codec.encode(TestEvents.stageTask(0));
        bytes[5] ^= 0x5A;

        assertThatThrownBy(() -> codec.decode(bytes, AT))
                .isInstanceOfSatisfying(UndecodableEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.position()).isEqualTo(AT);
                    assertThat(e.getMessage()).startsWith("Cannot decode the event at topic doe.stage-task partition 2 "
                            + "offset 41: writer schema fingerprint " + Fingerprints.toHex(e.fingerprint().getAsLong())
                            + " is not in the schema registry");
                });
    }

    @Test
    void valueWithoutTheMarkerIsNotAnEvent() {
        EventCodec<StageTask> codec = EventCodec.register(registry, EventType.STAGE_TASK);

        assertThatThrownBy(() -> codec.decode("{\"json\": true}".getBytes(), AT))
                .isInstanceOfSatisfying(UndecodableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT_ENCODED));
        assertThatThrownBy(() -> codec.decode(new byte[0], AT))
                .isInstanceOfSatisfying(UndecodableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT_ENCODED));
    }

    @Test
    void truncatedOrScrambledBodyIsCorrupt() {
        EventCodec<StageTask> codec = EventCodec.register(registry, EventType.STAGE_TASK);
        byte[] bytes = codec.encode(TestEvents.stageTask(0));
        byte[] truncated = Arrays.copyOf(bytes, 14);
        byte[] scrambled = bytes.clone();
        Arrays.fill(scrambled, 10, scrambled.length, (byte) 0xFF);

        for (byte[] bad : List.of(truncated, scrambled)) {
            assertThatThrownBy(() -> codec.decode(bad, AT))
                    .isInstanceOfSatisfying(UndecodableEventException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_BODY));
        }
    }

    @Test
    void registryOutageIsRetryableAndNotBlamedOnTheRecord() {
        EventCodec<Shipment> producer = EventCodec.register(registry, TestEvents.shipmentV1("t"));
        byte[] bytes = producer.encode(TestEvents.shipmentV1("s-1", 1));
        InMemoryRegistryStore otherStore = new InMemoryRegistryStore();
        SchemaRegistry consumerRegistry = new SchemaRegistry(new FailingReads(otherStore));
        EventCodec<com.doe.event.test.v2.Shipment> consumer = codecWithoutRegistering(consumerRegistry, otherStore);

        assertThatThrownBy(() -> consumer.decode(bytes, AT)).isInstanceOf(RetryableException.class);
    }

    private static EventCodec<com.doe.event.test.v2.Shipment> codecWithoutRegistering(SchemaRegistry failing,
            InMemoryRegistryStore backing) {
        new SchemaRegistry(backing).register(TestEvents.SHIPMENT_SUBJECT, com.doe.event.test.v2.Shipment.getClassSchema());
        return EventCodec.register(failing, TestEvents.shipmentV2("t"));
    }

    /** A store whose schema text reads fail as an outage would; subject reads still work. */
    private record FailingReads(InMemoryRegistryStore delegate) implements RegistryStore {
        public Optional<Tagged<SubjectState>> readSubject(String subject) {
            return delegate.readSubject(subject);
        }

        public boolean createSubject(SubjectState state) {
            return delegate.createSubject(state);
        }

        public boolean replaceSubject(SubjectState state, String etag) {
            return delegate.replaceSubject(state, etag);
        }

        public List<String> listSubjects() {
            return delegate.listSubjects();
        }

        public void saveSchemaText(String key, String schemaJson) {
            delegate.saveSchemaText(key, schemaJson);
        }

        public Optional<String> readSchemaText(String key) {
            throw new RetryableException("store unavailable");
        }

        public Optional<CompatibilityMode> readDefaultMode() {
            return delegate.readDefaultMode();
        }

        public void writeDefaultMode(CompatibilityMode mode) {
            delegate.writeDefaultMode(mode);
        }
    }
}
