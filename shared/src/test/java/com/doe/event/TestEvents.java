package com.doe.event;

import com.doe.event.avro.StageTask;
import com.doe.event.test.v1.Shipment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Sample events for tests and benchmarks. */
public final class TestEvents {

    public static final String SHIPMENT_SUBJECT = "event.test.Shipment";

    private TestEvents() {
    }

    public static StageTask stageTask(int stageIndex) {
        return StageTask.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setRunId("run-20250101-0001")
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setPipelineId("customers")
                .setPipelineVersion(3)
                .setDatasetSchemaVersion(2)
                .setStageIndex(stageIndex)
                .setStageKind("validate")
                .setInputChunkUri("https://doe.blob.core.windows.net/work/run-20250101-0001/chunk-00042.avro")
                .setOutputLocation("https://doe.blob.core.windows.net/work/run-20250101-0001/stage-1/")
                .build();
    }

    public static EventType<Shipment> shipmentV1(String topic) {
        return shipmentV1(topic, SHIPMENT_SUBJECT);
    }

    public static EventType<Shipment> shipmentV1(String topic, String subject) {
        return EventType.of(Shipment.class, Shipment.getClassSchema(), subject, topic);
    }

    public static EventType<com.doe.event.test.v2.Shipment> shipmentV2(String topic) {
        return shipmentV2(topic, SHIPMENT_SUBJECT);
    }

    public static EventType<com.doe.event.test.v2.Shipment> shipmentV2(String topic, String subject) {
        return EventType.of(com.doe.event.test.v2.Shipment.class, com.doe.event.test.v2.Shipment.getClassSchema(),
                subject, topic);
    }

    public static Shipment shipmentV1(String id, long grams) {
        return Shipment.newBuilder().setEventId(UUID.randomUUID().toString()).setShipmentId(id)
                .setWeightGrams(grams).build();
    }

    public static com.doe.event.test.v2.Shipment shipmentV2(String id, long grams, String carrier) {
        return com.doe.event.test.v2.Shipment.newBuilder().setEventId(UUID.randomUUID().toString()).setShipmentId(id)
                .setWeightGrams(grams).setCarrier(carrier).build();
    }
}
