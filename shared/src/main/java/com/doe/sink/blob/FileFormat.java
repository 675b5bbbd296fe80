package com.doe.sink.blob;

import com.doe.DoeException;
import com.doe.chunk.SourcedRecord;
import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.sink.internal.JsonRows;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The file formats of the Blob sink. Each encodes a chunk's rows to bytes that depend only on the rows
 * and the blob name (nothing time-dependent; Avro's sync marker derives from the name), so writing a
 * chunk again uploads identical bytes. Stateless.
 */
public enum FileFormat {

    /** RFC 4180 CSV with a header row, UTF-8, CRLF; null as an empty field; dates and timestamps ISO-8601. */
    CSV("csv"),
    /** One JSON object per line, values as in Cosmos DB documents. */
    JSONL("jsonl"),
    /** Avro object container file with the dataset schema, deflate. */
    AVRO("avro"),
    /** Parquet with the dataset schema (via its Avro form), snappy. */
    PARQUET("parquet");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public static FileFormat of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The file's bytes. */
    public byte[] encode(DatasetSchema schema, List<SourcedRecord> rows, String blobName) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            switch (this) {
                case CSV -> csv(schema, rows, out);
                case JSONL -> jsonl(rows, out);
                case AVRO -> avro(schema, rows, blobName, out);
                case PARQUET -> parquet(schema, rows, out);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new DoeException("Could not encode " + blobName + " as " + extension + ": " + e.getMessage(), e);
        }
    }

    private static void csv(DatasetSchema schema, List<SourcedRecord> rows, ByteArrayOutputStream out) throws IOException {
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF)
                .build(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            w.writeRecord(schema.names());
            String[] line = new String[schema.size()];
            for (SourcedRecord r : rows) {
                GenericRecord rec = r.record();
                for (int i = 0; i < line.length; i++) {
                    Object v = rec.get(i);
                    line[i] = v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
                }
                w.writeRecord(line);
            }
        }
    }

    private static void jsonl(List<SourcedRecord> rows, ByteArrayOutputStream out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (SourcedRecord r : rows) {
                mapper.writeTree(g, JsonRows.object(r.record()));
                g.writeRaw('\n');
            }
        }
    }

    private static void avro(DatasetSchema schema, List<SourcedRecord> rows, String blobName, ByteArrayOutputStream out)
            throws IOException {
        Schema avro = AvroSchemas.toAvro(schema);
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(avro, AvroSchemas.MODEL))) {
            w.setCodec(CodecFactory.deflateCodec(6));
            w.create(avro, out, sync(blobName));
            for (SourcedRecord r : rows) {
                w.append(r.record());
            }
        }
    }

    private static void parquet(DatasetSchema schema, List<SourcedRecord> rows, ByteArrayOutputStream out) throws IOException {
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new MemoryOutputFile(out))
                .withConf(new PlainParquetConfiguration())
                .withSchema(AvroSchemas.toAvro(schema))
                .withDataModel(AvroSchemas.MODEL)
                .withCodecFactory(SnappyCodecFactory.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
            for (SourcedRecord r : rows) {
                w.write(r.record());
            }
        }
    }

    private static byte[] sync(String name) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
