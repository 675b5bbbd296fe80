package com.doe.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.event.avro.StageTask;
import com.doe.schema.CompatibilityChecker;
import com.doe.schema.CompatibilityMode;
import com.doe.schema.Fingerprints;
import com.doe.schema.RegisteredSchema;
import com.doe.schema.TestSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * {@code StageTask} gained {@code modelVersions} (the run's pinned model versions): the change must be
 * compatible both ways with the schema before it ({@code schemas/events/StageTask-v1.avsc}), so stage
 * functions and the orchestrator can be deployed in any order.
 */
class StageTaskSchemaTest {

    private static final Schema BEFORE = TestSchemas.load("events/StageTask-v1");

    @Test
    void addingModelVersionsIsFullyCompatibleWithThePreviousStageTask() {
        RegisteredSchema v1 = new RegisteredSchema("event.StageTask", 1, Fingerprints.fingerprint(BEFORE), BEFORE);

        assertThat(new CompatibilityChecker().check(StageTask.getClassSchema(), List.of(v1),
                CompatibilityMode.FULL_TRANSITIVE)).isEmpty();
    }

    @Test
    void taskWrittenBeforeThePinsExistedReadsWithNoPinnedVersions() throws IOException {
        GenericRecord old = new GenericData.Record(BEFORE);
        old.put("eventId", "e-1");
        old.put("runId", "run-1");
        old.put("occurredAt", 0L);
        old.put("pipelineId", "p");
        old.put("pipelineVersion", 1);
        old.put("stageIndex", 2);
        old.put("stageKind", "ml");
        old.put("inputChunkUri", "http://work/run-1/ml-1/00000.avro");
        old.put("outputLocation", "http://work/run-1/ml-2/");
        old.put("attempt", 1);
        old.put("stageName", "ml-2");
        old.put("chunkIndex", 0);
        old.put("chunkCount", 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(BEFORE).write(old, encoder);
        encoder.flush();

        StageTask read = new SpecificDatumReader<StageTask>(BEFORE, StageTask.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.getStageName()).isEqualTo("ml-2");
        assertThat(read.getModelVersions()).isEmpty();
    }
}
