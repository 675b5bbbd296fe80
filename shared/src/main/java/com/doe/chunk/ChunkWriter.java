package com.doe.chunk;

import com.doe.DoeException;
import com.doe.chunk.internal.RowEncoder;
import com.doe.format.DatasetSchema;
import com.doe.format.TypedRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
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
 * hands the finished writer's buffers on.
 *
 * <p>Given a compressor, a full block is compressed there while the next block fills (two block
 * buffers, at most one block in flight, framed in order), so a reader that fills chunks faster than
 * one core compresses them is not held back by the codec. Not thread-safe; use once: add rows, then
 * {@link #finish}.
 */
public final class ChunkWriter {

    private final ChunkId id;
    private final byte[] header;
    private final Codec codec;
    private final TypedRow scratch;
    private final ByteArrayOutputStream out;
    /** Where full blocks are compressed; null: on the thread that adds rows. */
    private final Executor compressor;
    private RowEncoder block;
    /** The other block buffer when blocks are compressed on {@link #compressor}: the block in flight, if any. */
    private RowEncoder spare;
    private CompletableFuture<ByteBuffer> inFlight;
    private int inFlightRows;
    private final byte[] sync;
    private final byte[] varints = new byte[20];
    private int rows;
    private int blockRows;
    private boolean finished;
    private boolean handedOn;
    /** The file being finished on {@link #compressor} ({@link #finishLater}), null otherwise. */
    private CompletableFuture<byte[]> finishing;

    ChunkWriter(ChunkId id, DatasetSchema schema, byte[] headerWithoutSync, Codec codec, Executor compressor) {
        this(id, headerWithoutSync, codec, new TypedRow(schema), blockBuffer(schema),
                compressor == null ? null : blockBuffer(schema), new ByteArrayOutputStream(256 * 1024), compressor);
    }

    private static RowEncoder blockBuffer(DatasetSchema schema) {
        return new RowEncoder(schema, ChunkCodec.BLOCK_BYTES + 16 * 1024);
    }

    private ChunkWriter(ChunkId id, byte[] header, Codec codec, TypedRow scratch, RowEncoder block, RowEncoder spare,
                        ByteArrayOutputStream out, Executor compressor) {
        this.id = id;
        this.header = header;
        this.codec = codec;
        this.scratch = scratch;
        this.block = block;
        this.spare = spare;
        this.out = out;
        this.compressor = compressor;
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
     * A writer finished with {@link #finishLater} hands its buffers on once that finish is done,
     * waiting for it if need be.
     *
     * @throws IllegalStateException when this writer is not finished
     */
    public ChunkWriter next(ChunkId next) {
        if (!finished || handedOn) {
            throw new IllegalStateException("chunk " + id.path() + " must be finished, and only once followed by a next chunk");
        }
        if (finishing != null) {
            finishing.exceptionally(e -> null).join();
        }
        handedOn = true;
        return new ChunkWriter(next, header, codec, scratch, block, spare, out, compressor);
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

    /**
     * {@link #finish()} on the compressor, after the blocks already there, so that the thread adding
     * rows does not wait for the last block; without a compressor, finishes now. The writer's buffers
     * belong to that finish until it is done, and {@link #next} waits for it.
     *
     * @return the file's bytes when asked, waiting for the finish (its failure is thrown as it was)
     */
    public Supplier<byte[]> finishLater() {
        if (compressor == null || finished) {
            byte[] file = finish();
            return () -> file;
        }
        finished = true;
        CompletableFuture<byte[]> file = CompletableFuture.supplyAsync(this::writeRest, compressor);
        finishing = file;
        return () -> join(file);
    }

    /** Writes the last block and returns the file's bytes. */
    public byte[] finish() {
        if (handedOn) {
            throw new IllegalStateException("chunk " + id.path() + " was finished and its buffers handed on to the next chunk");
        }
        if (finishing != null) {
            return join(finishing);
        }
        if (!finished) {
            finished = true;
            return writeRest();
        }
        return out.toByteArray();
    }

    /** Frames the block in flight, then the last block, compressed here (on the compressor, no new task: it would wait for itself). */
    private byte[] writeRest() {
        frameInFlight();
        if (blockRows > 0) {
            frame(blockRows, compress(block));
            block.clear();
            blockRows = 0;
        }
        return out.toByteArray();
    }

    private void writeBlock() {
        if (compressor == null) {
            frame(blockRows, compress(block));
            block.clear();
            blockRows = 0;
            return;
        }
        frameInFlight();
        RowEncoder full = block;
        inFlight = CompletableFuture.supplyAsync(() -> compress(full), compressor);
        inFlightRows = blockRows;
        block = spare;
        spare = full;
        block.clear();
        blockRows = 0;
    }

    /** Waits for the block being compressed elsewhere, if any, and appends it: blocks are framed in the order they filled. */
    private void frameInFlight() {
        if (inFlight == null) {
            return;
        }
        ByteBuffer data;
        try {
            data = join(inFlight);
        } finally {
            inFlight = null;
        }
        frame(inFlightRows, data);
    }

    /** The result of work done on the compressor, its failure thrown as it was (not wrapped). */
    private static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private ByteBuffer compress(RowEncoder full) {
        try {
            return codec.compress(ByteBuffer.wrap(full.buffer(), 0, full.length()));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void frame(int count, ByteBuffer data) {
        int n = BinaryData.encodeLong(count, varints, 0);
        n += BinaryData.encodeLong(data.remaining(), varints, n);
        out.write(varints, 0, n);
        out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
        out.write(sync, 0, sync.length);
    }

    private DoeException failure(IOException e) {
        return new DoeException("Could not encode chunk " + id.path() + ": " + e.getMessage(), e);
    }
}
