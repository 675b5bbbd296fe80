package com.doe.chunk;

import com.doe.DoeException;
import com.doe.chunk.internal.BlockCodecs;
import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.format.SchemaInference;
import com.doe.quarantine.SourceRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.avro.Schema;
import org.apache.avro.file.Codec;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Encodes chunks as Avro object container files. Each entry is an envelope
 * {@code {line: long|null, index: long|null, row: Row}} keeping the source location; the source blob
 * and dataset schema (as DOE field types) are file metadata. The sync marker is derived from the chunk
 * path and nothing time-dependent is written, so encoding the same chunk twice gives the same bytes.
 * Thread-safe.
 */
public final class ChunkCodec {

    /**
     * zstd level of chunk files. Chunks are short-lived work files written once per row and stage, so
     * speed matters more than size. On the benchmark's rows in 256 KB blocks, level -1 (zstd's first
     * fast level) compresses about 10% faster than level 1 for files 0.5% larger, and level 1 about
     * 1.5x faster than level 3 for files about 10% larger; lower levels lose size quickly (-3: 14%
     * larger than level 1, -5: 33%, for 15% and 50% more speed).
     */
    static final int ZSTD_LEVEL = -1;

    /**
     * Uncompressed size at which a block of rows is compressed and written (Avro's sync interval; a
     * block ends with the row that reaches it). 256 KB instead of Avro's 64 KB default: per-block
     * costs are paid a quarter as often and zstd compresses a little better, for at most 256 KB of
     * uncompressed rows held while writing.
     */
    public static final int BLOCK_BYTES = 256_000;

    /** Compression of chunk files. */
    public enum Compression {
        DEFLATE, ZSTD, NONE,
        /** Snappy: compresses about 1.5x faster than zstd at {@link ChunkCodec#ZSTD_LEVEL}, for files about 27% larger. */
        SNAPPY;

        /** A new codec instance for one file (codecs keep per-file state). */
        public Codec codec() {
            return switch (this) {
                case DEFLATE -> BlockCodecs.deflate(6);
                case ZSTD -> BlockCodecs.zstd(ZSTD_LEVEL);
                case NONE -> BlockCodecs.none();
                case SNAPPY -> BlockCodecs.snappy();
            };
        }

        /** The same codec for Avro's {@link org.apache.avro.file.DataFileWriter}. */
        CodecFactory factory() {
            return BlockCodecs.factory(this::codec);
        }
    }

    /** The codec of stores that do not say: zstd. */
    public static final ChunkCodec DEFAULT = new ChunkCodec(Compression.ZSTD);

    static final String META_SOURCE = "doe.source.blob";
    private static final int SYNC_BYTES = 16;

    /** A file header less its sync marker, for the files of one dataset schema and source blob. */
    private record Header(DatasetSchema schema, String sourceBlob, byte[] withoutSync) {
    }

    private final Compression compression;
    /** The last header made: a stage writes many chunks of one schema from one blob. */
    private volatile Header lastHeader;

    public ChunkCodec(Compression compression) {
        this.compression = compression;
    }

    /** The envelope schema of a dataset's chunk files. */
    public static Schema envelope(DatasetSchema schema) {
        Schema optionalLong = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.LONG));
        return Schema.createRecord("ChunkRow", null, "com.doe.chunk", false, List.of(
                new Schema.Field("line", optionalLong, null, Schema.Field.NULL_DEFAULT_VALUE),
                new Schema.Field("index", optionalLong, null, Schema.Field.NULL_DEFAULT_VALUE),
                new Schema.Field("row", AvroSchemas.toAvro(schema), null, (Object) null)));
    }

    /** Encodes a chunk held in memory; the same bytes as streaming its rows through {@link #writer}. */
    public byte[] encode(Chunk chunk) {
        ChunkWriter w = writer(chunk.id(), chunk.schema(), chunk.sourceBlob());
        for (SourcedRecord r : chunk.rows()) {
            w.add(r);
        }
        return w.finish();
    }

    /** A writer that encodes the chunk {@code id} row by row with this codec's compression. */
    public ChunkWriter writer(ChunkId id, DatasetSchema schema, String sourceBlob) {
        return writer(id, schema, sourceBlob, null);
    }

    /**
     * A writer that compresses full blocks on {@code compressor} while the next block fills (null: on
     * the thread that adds rows); the file is the same either way.
     */
    public ChunkWriter writer(ChunkId id, DatasetSchema schema, String sourceBlob, Executor compressor) {
        String blob = sourceBlob == null ? "" : sourceBlob;
        Header h = lastHeader;
        if (h == null || !h.schema().equals(schema) || !h.sourceBlob().equals(blob)) {
            h = new Header(schema, blob, header(schema, blob));
            lastHeader = h;
        }
        return new ChunkWriter(id, schema, h.withoutSync(), compression.codec(), compressor);
    }

    /** The header DataFileWriter writes for the chunk files (magic, schema, codec, source blob), less the sync marker. */
    private byte[] header(DatasetSchema schema, String sourceBlob) {
        Schema env = envelope(schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (DataFileWriter<Object> w = new DataFileWriter<>(new GenericDatumWriter<>(env, AvroSchemas.MODEL))) {
            w.setCodec(compression.factory());
            w.setMeta(META_SOURCE, sourceBlob);
            w.create(env, out, new byte[SYNC_BYTES]);
        } catch (IOException e) {
            throw new DoeException("Could not write a chunk header for " + sourceBlob + ": " + e.getMessage(), e);
        }
        byte[] file = out.toByteArray();
        return Arrays.copyOf(file, file.length - SYNC_BYTES);
    }

    /** Decodes a chunk file written by {@link #encode}; the dataset schema comes from the file. */
    public static Chunk decode(ChunkId id, InputStream in) {
        try (DataFileStream<GenericRecord> s = new DataFileStream<>(in, new GenericDatumReader<>(null, null, AvroSchemas.MODEL))) {
            String blob = s.getMetaString(META_SOURCE);
            Schema rowSchema = s.getSchema().getField("row").schema();
            DatasetSchema schema = SchemaInference.fromAvroExact(rowSchema);
            List<SourcedRecord> rows = new ArrayList<>();
            for (GenericRecord e : s) {
                Long line = (Long) e.get(0);
                Long index = (Long) e.get(1);
                rows.add(new SourcedRecord((GenericRecord) e.get(2), new SourceRef(blob, line, index)));
            }
            return new Chunk(id, schema, blob, rows);
        } catch (IOException e) {
            throw new DoeException("Chunk " + id.path() + " is not a readable Avro file: " + e.getMessage(), e);
        }
    }

    static byte[] sync(String path) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(h, SYNC_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
