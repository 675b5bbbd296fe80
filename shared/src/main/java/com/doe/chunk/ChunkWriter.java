package com.doe.chunk;

import com.doe.DoeException;
import com.doe.chunk.internal.RowEncoder;
import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.format.TypedRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;

/**
 * Encodes one chunk file row by row, so a stage can stream rows into a chunk without keeping them as
 * records: memory is the compressed chunk. Rows are encoded by {@link RowEncoder} straight from
 * typed values; the file is byte for byte what {@link ChunkCodec#encode} writes for the same rows
 * (that method uses this class). Obtain one from {@link ChunkCodec#writer}. Not thread-safe; use
 * once: add rows, then {@link #finish}.
 */
public final class ChunkWriter {

    private final ChunkId id;
    private final TypedRow scratch;
    private final RowEncoder encoder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
    private final DataFileWriter<Object> file;
    private ByteBuffer view;
    private int rows;
    private boolean finished;

    ChunkWriter(ChunkId id, DatasetSchema schema, String sourceBlob, ChunkCodec.Compression compression) {
        this.id = id;
        this.scratch = new TypedRow(schema);
        this.encoder = new RowEncoder(schema);
        Schema env = ChunkCodec.envelope(schema);
        this.file = new DataFileWriter<>(new GenericDatumWriter<>(env, AvroSchemas.MODEL));
        try {
            file.setCodec(compression.factory());
            file.setMeta(ChunkCodec.META_SOURCE, sourceBlob == null ? "" : sourceBlob);
            file.create(env, out, ChunkCodec.sync(id.path()));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Appends a row with its location ({@link TypedRow#line()}, {@link TypedRow#index()}). */
    public void add(TypedRow row) {
        encoder.encode(row);
        byte[] b = encoder.buffer();
        if (view == null || view.array() != b) {
            view = ByteBuffer.wrap(b);
        }
        view.limit(encoder.length()).position(0);
        try {
            file.appendEncoded(view);
        } catch (IOException e) {
            throw failure(e);
        }
        rows++;
    }

    /** Appends a record of the chunk's schema with its location. */
    public void add(SourcedRecord record) {
        scratch.clear();
        scratch.fill(record.record());
        scratch.setLocation(record.source() == null ? null : record.source().line(),
                record.source() == null ? null : record.source().record());
        add(scratch);
    }

    /** Rows added so far. */
    public int rows() {
        return rows;
    }

    /** Closes the file and returns its bytes. */
    public byte[] finish() {
        if (!finished) {
            finished = true;
            try {
                file.close();
            } catch (IOException e) {
                throw failure(e);
            }
        }
        return out.toByteArray();
    }

    private DoeException failure(IOException e) {
        return new DoeException("Could not encode chunk " + id.path() + ": " + e.getMessage(), e);
    }
}
