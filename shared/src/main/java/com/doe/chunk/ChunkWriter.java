package com.doe.chunk;

import com.doe.DoeException;
import com.doe.chunk.internal.RowEncoder;
import com.doe.format.DatasetSchema;
import com.doe.format.TypedRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.file.Codec;
import org.apache.avro.io.BinaryData;

/**
 * Encodes one chunk file row by row, so a stage can stream rows into a chunk without keeping them as
 * records: memory is the compressed chunk plus one uncompressed block. Rows are encoded by
 * {@link RowEncoder} straight from typed values into the current block; a full block is compressed
 * and framed as Avro's {@code DataFileWriter} frames it (row count, byte count, data, sync marker),
 * after the header that {@code DataFileWriter} itself writes. The file is byte for byte what
 * {@code DataFileWriter} writes for the same rows with the same codec and sync interval, without its
 * per-row cost (two synchronised stream calls and a copy per row). Obtain one from
 * {@link ChunkCodec#writer}, and for each following chunk of the same file from {@link #next}, which
 * hands the finished writer's buffers on. Not thread-safe; use once: add rows, then {@link #finish}.
 */
public final class ChunkWriter {

    private final ChunkId id;
    private final byte[] header;
    private final Codec codec;
    private final TypedRow scratch;
    private final RowEncoder block;
    private final ByteArrayOutputStream out;
    private final byte[] sync;
    private final byte[] varints = new byte[20];
    private int rows;
    private int blockRows;
    private boolean finished;
    private boolean handedOn;

    ChunkWriter(ChunkId id, DatasetSchema schema, byte[] headerWithoutSync, Codec codec) {
        this(id, headerWithoutSync, codec, new TypedRow(schema), new RowEncoder(schema, ChunkCodec.BLOCK_BYTES + 16 * 1024),
                new ByteArrayOutputStream(256 * 1024));
    }

    private ChunkWriter(ChunkId id, byte[] header, Codec codec, TypedRow scratch, RowEncoder block, ByteArrayOutputStream out) {
        this.id = id;
        this.header = header;
        this.codec = codec;
        this.scratch = scratch;
        this.block = block;
        this.out = out;
        this.sync = ChunkCodec.sync(id.path());
        block.clear();
        out.reset();
        out.write(header, 0, header.length);
        out.write(sync, 0, sync.length);
    }

    /**
     * A writer for chunk {@code next} of the same schema, source blob and codec, reusing this finished
     * writer's buffers: a stage that writes chunk after chunk allocates them once. This writer is
     * done with: its {@link #finish} may not be called again.
     *
     * @throws IllegalStateException when this writer is not finished
     */
    public ChunkWriter next(ChunkId next) {
        if (!finished || handedOn) {
            throw new IllegalStateException("chunk " + id.path() + " must be finished, and only once followed by a next chunk");
        }
        handedOn = true;
        return new ChunkWriter(next, header, codec, scratch, block, out);
    }

    /** Appends a row with its location ({@link TypedRow#line()}, {@link TypedRow#index()}). */
    public void add(TypedRow row) {
        block.encode(row);
        rows++;
        blockRows++;
        if (block.length() >= ChunkCodec.BLOCK_BYTES) {
            writeBlock();
        }
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

    /** Writes the last block and returns the file's bytes. */
    public byte[] finish() {
        if (handedOn) {
            throw new IllegalStateException("chunk " + id.path() + " was finished and its buffers handed on to the next chunk");
        }
        if (!finished) {
            finished = true;
            if (blockRows > 0) {
                writeBlock();
            }
        }
        return out.toByteArray();
    }

    private void writeBlock() {
        ByteBuffer data;
        try {
            data = codec.compress(ByteBuffer.wrap(block.buffer(), 0, block.length()));
        } catch (IOException e) {
            throw failure(e);
        }
        int n = BinaryData.encodeLong(blockRows, varints, 0);
        n += BinaryData.encodeLong(data.remaining(), varints, n);
        out.write(varints, 0, n);
        out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
        out.write(sync, 0, sync.length);
        block.clear();
        blockRows = 0;
    }

    private DoeException failure(IOException e) {
        return new DoeException("Could not encode chunk " + id.path() + ": " + e.getMessage(), e);
    }
}
