package com.doe.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.DoeException;
import com.doe.quarantine.QuarantineEntry;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSourcesTest {

    private static final DatasetSchema SCHEMA = DatasetSchema.of(
            new Field("iata", FieldType.STRING, true, null, null),
            Field.of("lat", FieldType.DOUBLE),
            new Field("opened", FieldType.DATE, false, "dd/MM/yyyy", null),
            new Field("fee", new FieldType.Decimal(6, 2), false, null, "Fee $"));

    private static List<ReadItem> readAll(SourceFormat format, String content) {
        return readAll(format, SourceFile.of("in." + format.text(), content.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<ReadItem> readAll(SourceFormat format, SourceFile file) {
        List<ReadItem> items = new ArrayList<>();
        try (RecordSource s = RecordSources.open(format, SourceOptions.DEFAULTS, SCHEMA, file)) {
            ReadItem i;
            while ((i = s.next()) != null) {
                items.add(i);
            }
        }
        return items;
    }

    private static QuarantineEntry bad(ReadItem item) {
        assertThat(item).isInstanceOf(ReadItem.Malformed.class);
        return ((ReadItem.Malformed) item).entry();
    }

    private static GenericRecord good(ReadItem item) {
        assertThat(item).isInstanceOf(ReadItem.Row.class);
        return ((ReadItem.Row) item).record();
    }

    @Test
    void csvWithByteOrderMarkMatchesTheFirstHeaderColumn() {
        List<ReadItem> items = readAll(SourceFormat.CSV, "\uFEFFiata,lat,opened,Fee $\nDFW,32.9,,\n");

        assertThat(good(items.get(0)).get("iata")).isEqualTo("DFW");
    }

    @Test
    void readsCsvWithPhysicalLineNumbersAcrossQuotedLineBreaks() {
        String csv = "iata,lat,opened,Fee $\n"
                + "DFW,32.9,01/02/1990,12.5\n"
                + "\"A\nB\",1,,\n"
                + "JFK,40.6,,3\n";

        List<ReadItem> items = readAll(SourceFormat.CSV, csv);

        assertThat(items).hasSize(3);
        GenericRecord first = good(items.get(0));
        assertThat(first.get("opened")).isEqualTo(LocalDate.of(1990, 2, 1));
        assertThat(first.get("fee")).isEqualTo(new BigDecimal("12.50"));
        assertThat(((ReadItem.Row) items.get(1)).source().line()).isEqualTo(3L);
        assertThat(((ReadItem.Row) items.get(2)).source().line()).isEqualTo(5L);
    }

    @Test
    void quarantinesMalformedCsvRowsAndKeepsReading() {
        String csv = "iata,lat,opened,Fee $\n"
                + "AAA,north,,\n"
                + "BBB,1,2\n"
                + ",1,,1.234\n"
                + "CCC,2,,\n";

        List<ReadItem> items = readAll(SourceFormat.CSV, csv);

        assertThat(bad(items.get(0)).reason()).contains("'north' is not a valid double");
        assertThat(bad(items.get(0)).source().line()).isEqualTo(2L);
        assertThat(bad(items.get(1)).rule()).isEqualTo("columns");
        assertThat(bad(items.get(1)).reason()).contains("expected 4 columns, found 3");
        QuarantineEntry twoFailures = bad(items.get(2));
        assertThat(twoFailures.failures()).extracting(f -> f.rule()).containsExactly("required", "type");
        assertThat(twoFailures.failures().get(1).reason()).contains("more than 2 digits after the point");
        assertThat(good(items.get(3)).get("iata")).isEqualTo("CCC");
    }

    @Test
    void refusesACsvWithoutADeclaredColumnNamingTheFix() {
        assertThatThrownBy(() -> readAll(SourceFormat.CSV, "iata,lat\nA,1\n"))
                .isInstanceOf(DoeException.class).hasMessageContaining("no column 'opened'").hasMessageContaining("\"from\"");
    }

    @Test
    void readsJsonLinesWithLosslessCoercionsAndQuarantinesInvalidLines() {
        String jsonl = "{\"iata\": 1776, \"lat\": \"42\", \"Fee $\": 3}\n"
                + "\n"
                + "{not json}\n"
                + "[1,2]\n"
                + "{\"iata\": \"X\", \"lat\": true}\n";

        List<ReadItem> items = readAll(SourceFormat.JSONL, jsonl);

        assertThat(good(items.get(0)).get("iata")).isEqualTo("1776");
        assertThat(good(items.get(0)).get("lat")).isEqualTo(42.0);
        assertThat(bad(items.get(1)).source().line()).isEqualTo(3L);
        assertThat(bad(items.get(1)).rule()).isEqualTo("json");
        assertThat(bad(items.get(2)).reason()).contains("expected a JSON object");
        assertThat(bad(items.get(3)).reason()).contains("true is not a valid double");
    }

    @Test
    void readsAJsonArrayLocatingEachObjectByItsLine() {
        String json = "[\n  {\"iata\": \"A\"},\n  {\"iata\": \"B\",\n   \"lat\": \"x\"},\n  7\n]";

        List<ReadItem> items = readAll(SourceFormat.JSON, json);

        assertThat(((ReadItem.Row) items.get(0)).source().line()).isEqualTo(2L);
        assertThat(bad(items.get(1)).source().line()).isEqualTo(3L);
        assertThat(bad(items.get(2)).reason()).contains("not an object");
    }

    @Test
    void readsAvroContainerFilesLocatingRowsByRecordIndex() throws Exception {
        Schema s = SchemaBuilder.record("r").fields().requiredString("iata").optionalString("lat").endRecord();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(s))) {
            w.create(s, out);
            for (String lat : List.of("1.5", "bad", "2")) {
                GenericData.Record r = new GenericData.Record(s);
                r.put("iata", "A" + lat);
                r.put("lat", lat);
                w.append(r);
            }
        }

        List<ReadItem> items = readAll(SourceFormat.AVRO, SourceFile.of("in.avro", out.toByteArray()));

        assertThat(good(items.get(0)).get("lat")).isEqualTo(1.5);
        assertThat(bad(items.get(1)).source().record()).isEqualTo(1L);
        assertThat(bad(items.get(1)).source().line()).isNull();
        assertThat(good(items.get(2)).get("iata")).isEqualTo("A2");
    }

    @Test
    void readsParquetWithoutAHadoopFileSystem(@TempDir Path dir) throws Exception {
        Schema s = SchemaBuilder.record("r").fields().requiredString("iata").optionalDouble("lat").endRecord();
        Path file = dir.resolve("in.parquet");
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(s).withConf(new PlainParquetConfiguration()).withDataModel(GenericData.get()).build()) {
            for (int i = 0; i < 3; i++) {
                GenericData.Record r = new GenericData.Record(s);
                r.put("iata", i == 1 ? "" : "P" + i);
                r.put("lat", (double) i);
                w.write(r);
            }
        }

        List<ReadItem> items = readAll(SourceFormat.PARQUET, SourceFile.of(file));

        assertThat(good(items.get(0)).get("iata")).isEqualTo("P0");
        assertThat(good(items.get(2)).get("lat")).isEqualTo(2.0);
        assertThat(bad(items.get(1)).rule()).isEqualTo("required");
        assertThat(bad(items.get(1)).source().record()).isEqualTo(1L);
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void parsesTimestampsInIsoAndCustomFormats() {
        Coercion iso = Coercion.forField(Field.of("t", FieldType.TIMESTAMP));
        Coercion custom = Coercion.forField(new Field("t", FieldType.TIMESTAMP, false, "dd/MM/yyyy HH:mm", null));

        assertThat(iso.apply("2024-05-01T10:00:00Z")).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(iso.apply("2024-05-01T12:00:00+02:00")).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(custom.apply("01/05/2024 10:00")).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(iso.apply("yesterday")).isInstanceOf(InvalidValue.class);
        assertThat(Coercion.to(FieldType.LONG).apply(1.5)).isInstanceOf(InvalidValue.class);
        assertThat(Coercion.to(FieldType.LONG).apply("42")).isEqualTo(42L);
    }
}
