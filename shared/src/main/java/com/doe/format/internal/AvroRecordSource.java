package com.doe.format.internal;

import com.doe.DoeException;
import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.format.ReadItem;
import com.doe.format.RecordSource;
import com.doe.quarantine.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/** Streams an Avro object container file; locations are 0-based record indexes. */
public final class AvroRecordSource implements RecordSource {

    private final String blob;
    private final DataFileStream<GenericRecord> stream;
    private final RowDecoder decoder;
    private final BinaryValues values;
    private final Object[] raw;
    private GenericRecord reuse;
    private long index;
    private boolean broken;

    public AvroRecordSource(String blob, InputStream in, DatasetSchema schema) {
        this.blob = blob;
        try {
            this.stream = new DataFileStream<>(in, new GenericDatumReader<>(null, null, AvroSchemas.MODEL));
        } catch (IOException e) {
            throw new DoeException("'" + blob + "' is not an Avro object container file (" + e.getMessage()
                    + "). Check source.format in the pipeline.", e);
        }
        this.decoder = new RowDecoder(schema);
        this.values = new BinaryValues(schema);
        this.raw = new Object[schema.size()];
    }

    @Override
    public ReadItem next() {
        if (broken || !stream.hasNext()) {
            return null;
        }
        SourceRef where = SourceRef.record(blob, index++);
        try {
            reuse = stream.next(reuse);
        } catch (AvroRuntimeException | IOException e) {
            broken = true;
            return RowDecoder.malformed("avro", "corrupt Avro block, the rest of the file cannot be read: "
                    + e.getMessage(), where, Map.of());
        }
        values.fill(reuse, raw);
        return decoder.decode(raw, where);
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new DoeException("Could not close '" + blob + "'", e);
        }
    }
}
