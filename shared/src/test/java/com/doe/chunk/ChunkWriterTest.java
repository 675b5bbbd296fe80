package com.doe.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.format.TypedRow;
import com.doe.quarantine.SourceRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class ChunkWriterTest {

    private static final DatasetSchema SCHEMA = DatasetSchema.of(
            new Field("id", FieldType.LONG, true, null, null),
            Field.of("name", FieldType.STRING),
            new Field("code", FieldType.STRING, true, null, null),
            Field.of("score", FieldType.DOUBLE),
            new Field("ratio", FieldType.DOUBLE, true, null, null),
            Field.of("active", FieldType.BOOLEAN),
            Field.of("amount", new FieldType.Decimal(12, 2)),
            Field.of("big", new FieldType.Decimal(38, 10)),
            Field.of("day", FieldType.DATE),
            Field.of("at", FieldType.TIMESTAMP),
            Field.of("count", FieldType.LONG));

    private static final ChunkId ID = new ChunkId("run-1", "ingest", 4);

    /** Avro's own writer: DataFileWriter and GenericDatumWriter over the envelope, with the chunk files' sync interval. */
    private static byte[] reference(Chunk chunk, CodecFactory codec) throws IOException {
        Schema env = ChunkCodec.envelope(chunk.schema());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(env, AvroSchemas.MODEL))) {
            w.setCodec(codec);
            w.setSyncInterval(ChunkCodec.BLOCK_BYTES);
            w.setMeta(ChunkCodec.META_SOURCE, chunk.sourceBlob());
            w.create(env, out, ChunkCodec.sync(chunk.id().path()));
            GenericData.Record e = new GenericData.Record(env);
            for (SourcedRecord r : chunk.rows()) {
                e.put(0, r.source().line());
                e.put(1, r.source().record());
                e.put(2, r.record());
                w.append(e);
            }
        }
        return out.toByteArray();
    }

    private static List<SourcedRecord> rows(int n) {
        Schema avro = AvroSchemas.toAvro(SCHEMA);
        Random rnd = new Random(3);
        String[] texts = {"", "plain", "café", "東京", "emoji \uD83D\uDE00 here", "lone \uD800 high", "lone \uDC00 low",
                "end high \uD83D", "\u0000nul", "x".repeat(300), "ß€𝄞"};
        List<SourcedRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GenericData.Record r = new GenericData.Record(avro);
            boolean nulls = i % 7 == 3;
            r.put("id", i % 5 == 0 ? Long.MIN_VALUE + i : i % 5 == 1 ? Long.MAX_VALUE - i : rnd.nextLong() >> rnd.nextInt(64));
            r.put("name", nulls ? null : texts[i % texts.length]);
            r.put("code", texts[(i + 3) % texts.length]);
            r.put("score", nulls ? null : i % 9 == 0 ? -0.0 : i % 9 == 1 ? Double.NaN : rnd.nextGaussian() * 1e6);
            r.put("ratio", i % 4 == 0 ? Double.NEGATIVE_INFINITY : rnd.nextDouble());
            r.put("active", nulls ? null : i % 2 == 0);
            r.put("amount", nulls ? null : BigDecimal.valueOf(rnd.nextInt(2_000_000) - 1_000_000, 2));
            r.put("big", nulls ? null : new BigDecimal("-1234567890123456789012345678.0123456789").add(BigDecimal.valueOf(i)));
            r.put("day", nulls ? null : LocalDate.ofEpochDay(rnd.nextInt(200_000) - 100_000));
            r.put("at", nulls ? null : i % 3 == 0 ? Instant.ofEpochSecond(-rnd.nextInt(1_000_000_000), 123_456_789)
                    : Instant.ofEpochSecond(rnd.nextInt(2_000_000_000), rnd.nextInt(1_000_000_000)));
            r.put("count", nulls ? null : (long) i);
            SourceRef where = i % 2 == 0 ? SourceRef.line("in.csv", i + 2) : SourceRef.record("in.avro", i);
            out.add(new SourcedRecord(r, where));
        }
        return out;
    }

    /** The uncompressed blocks of a chunk file, read by Avro with its own codecs. */
    private static List<byte[]> blocks(byte[] file) throws IOException {
        List<byte[]> blocks = new ArrayList<>();
        try (DataFileStream<Object> s = new DataFileStream<>(new ByteArrayInputStream(file), new GenericDatumReader<>())) {
            while (s.hasNext()) {
                ByteBuffer b = s.nextBlock();
                byte[] copy = new byte[b.remaining()];
                b.get(copy);
                blocks.add(copy);
            }
        }
        return blocks;
    }

    @Test
    void directEncodingIsByteForByteTheGenericDatumWriterEncoding() throws IOException {
        Chunk chunk = new Chunk(ID, SCHEMA, "in.csv", rows(5_000));
        for (ChunkCodec.Compression c : ChunkCodec.Compression.values()) {
            assertThat(new ChunkCodec(c).encode(chunk)).as(c.name()).isEqualTo(reference(chunk, c.factory()));
        }
        assertThat(blocks(new ChunkCodec(ChunkCodec.Compression.NONE).encode(chunk))).hasSizeGreaterThan(1);
    }

    @Test
    void storedDeflateAndSnappyChunksAreByteForByteAvrosOwnCodecs() throws IOException {
        Chunk chunk = new Chunk(ID, SCHEMA, "in.csv", rows(5_000));

        assertThat(new ChunkCodec(ChunkCodec.Compression.NONE).encode(chunk)).isEqualTo(reference(chunk, CodecFactory.nullCodec()));
        assertThat(new ChunkCodec(ChunkCodec.Compression.DEFLATE).encode(chunk))
                .isEqualTo(reference(chunk, CodecFactory.deflateCodec(6)));
        assertThat(new ChunkCodec(ChunkCodec.Compression.SNAPPY).encode(chunk)).isEqualTo(reference(chunk, CodecFactory.snappyCodec()));
    }

    @Test
    void zstdBlocksDecompressWithAvrosOwnCodecToTheStoredBlocks() throws IOException {
        Chunk chunk = new Chunk(ID, SCHEMA, "in.csv", rows(5_000));
        byte[] zstd = new ChunkCodec(ChunkCodec.Compression.ZSTD).encode(chunk);
        byte[] stored = new ChunkCodec(ChunkCodec.Compression.NONE).encode(chunk);

        assertThat(zstd.length).isLessThan(stored.length / 2);
        assertThat(blocks(zstd)).usingElementComparator(Arrays::compare).containsExactlyElementsOf(blocks(stored));
    }

    @Test
    void rowsStreamedFromTypedRowsDecodeToTheSameRecords() {
        List<SourcedRecord> records = rows(500);
        ChunkCodec codec = new ChunkCodec(ChunkCodec.Compression.ZSTD);
        ChunkWriter w = codec.writer(ID, SCHEMA, "in.csv");
        TypedRow row = new TypedRow(SCHEMA);
        for (SourcedRecord r : records) {
            row.clear();
            for (int i = 0; i < SCHEMA.size(); i++) {
                row.set(i, r.record().get(i));
            }
            row.setLocation(r.source().line(), r.source().record());
            w.add(row);
        }
        byte[] streamed = w.finish();

        Chunk back = ChunkCodec.decode(ID, new ByteArrayInputStream(streamed));

        assertThat(w.rows()).isEqualTo(500);
        assertThat(streamed).isEqualTo(codec.encode(new Chunk(ID, SCHEMA, "in.csv", records)));
        for (int i = 0; i < records.size(); i++) {
            GenericRecord expected = records.get(i).record();
            GenericRecord actual = back.rows().get(i).record();
            for (int f = 0; f < SCHEMA.size(); f++) {
                Object e = expected.get(f);
                if (e instanceof Instant t) {
                    e = Instant.ofEpochSecond(t.getEpochSecond(), t.getNano() / 1000 * 1000L);
                }
                if (e instanceof String s) {
                    e = new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
                }
                assertThat(actual.get(f)).as("row %d field %s", i, SCHEMA.field(f).name()).isEqualTo(e);
            }
            assertThat(back.rows().get(i).source().line()).isEqualTo(records.get(i).source().line());
            assertThat(back.rows().get(i).source().record()).isEqualTo(records.get(i).source().record());
        }
    }

    @Test
    void nextChunkTakesOverTheBuffersAndWritesWhatAFreshWriterWrites() {
        List<SourcedRecord> records = rows(3_000);
        ChunkCodec codec = new ChunkCodec(ChunkCodec.Compression.ZSTD);
        ChunkId second = new ChunkId("run-1", "ingest", 5);
        ChunkWriter first = codec.writer(ID, SCHEMA, "in.csv");
        records.subList(0, 2_000).forEach(first::add);
        byte[] firstBytes = first.finish();

        ChunkWriter next = first.next(second);
        records.subList(2_000, 3_000).forEach(next::add);

        assertThat(firstBytes).isEqualTo(codec.encode(new Chunk(ID, SCHEMA, "in.csv", records.subList(0, 2_000))));
        assertThat(next.finish()).isEqualTo(codec.encode(new Chunk(second, SCHEMA, "in.csv", records.subList(2_000, 3_000))));
        assertThatThrownBy(first::finish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> next.next(ID).next(second)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void blocksCompressedOnAnotherThreadMakeTheSameFile() throws Exception {
        List<SourcedRecord> records = rows(12_000);
        java.util.concurrent.ExecutorService compressor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            for (ChunkCodec.Compression c : ChunkCodec.Compression.values()) {
                ChunkCodec codec = new ChunkCodec(c);
                ChunkId second = new ChunkId("run-1", "ingest", 5);
                ChunkWriter first = codec.writer(ID, SCHEMA, "in.csv", compressor);
                records.subList(0, 7_000).forEach(first::add);
                java.util.function.Supplier<byte[]> finishing = first.finishLater();
                ChunkWriter next = first.next(second);
                byte[] firstBytes = finishing.get();
                records.subList(7_000, 12_000).forEach(next::add);

                assertThat(blocks(firstBytes)).as("%s: several blocks", c).hasSizeGreaterThan(2);
                assertThat(firstBytes).as("%s", c).isEqualTo(codec.encode(new Chunk(ID, SCHEMA, "in.csv", records.subList(0, 7_000))));
                assertThat(next.finish()).as("%s", c)
                        .isEqualTo(codec.encode(new Chunk(second, SCHEMA, "in.csv", records.subList(7_000, 12_000))));
            }
        } finally {
            compressor.shutdownNow();
        }
    }
}
