package com.doe.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.quarantine.QuarantineEntry;
import com.doe.stats.FieldProfiler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Reading into typed rows gives exactly what reading records gives: same rows, lines, rejections and profile. */
class TypedReadTest {

    private static final DatasetSchema SCHEMA = DatasetSchema.of(
            new Field("id", FieldType.LONG, true, null, null),
            new Field("code", FieldType.STRING, true, null, null),
            Field.of("name", FieldType.STRING),
            Field.of("lat", FieldType.DOUBLE),
            Field.of("active", FieldType.BOOLEAN),
            Field.of("opened", FieldType.DATE),
            new Field("closed", FieldType.DATE, false, "dd/MM/yyyy", null),
            Field.of("at", FieldType.TIMESTAMP),
            new Field("fee", new FieldType.Decimal(6, 2), false, null, "Fee $"));

    private static final String CSV = "\uFEFFid,code,name,lat,active,opened,closed,at,Fee $,extra\n"
            + "1,ABC,Austin,30.19,true,2001-01-01,02/03/2004,2024-05-01T10:00:00Z,1.50,x\n"
            + "2,DEF,\"Dallas, \"\"Love\"\" Field\",32.84,FALSE,,,,,\n"
            + "\n"
            + "3,GHI,\"two\nlines\",-0.0,1,2001-02-29,,2024-05-01,9999.99,\n"
            + "4,,empty code,1,0,2001-01-01,,,1,\n"
            + "5,JKL,too few\n"
            + " 6 ,MNO,spaces, 12.5 , true ,2001-01-01,,2024-05-01T10:00:00+02:00,0.1,\n"
            + "7,PQR,bad fee,1,0,,,,12345.678,\n"
            + "x8,STU,bad id and lat,north,maybe,2001-13-01,31/02/2001,yesterday,abc,\n"
            + "9,VWX,café 東京 \uD83D\uDE00,1e3,true,2024-02-29,29/02/2024,2024-05-01T10:00:00.123456789Z,-0.5,\n"
            + "10,YZA,\"unterminated,1,1,,,,,\n";

    private static RecordSource open() {
        return RecordSources.open(SourceFormat.CSV, SourceOptions.DEFAULTS, SCHEMA,
                SourceFile.of("in.csv", CSV.getBytes(StandardCharsets.UTF_8)));
    }

    /** The record's values (records of logical types cannot be compared with equals). */
    private static List<Object> values(GenericRecord r) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < SCHEMA.size(); i++) {
            out.add(r.get(i));
        }
        return out;
    }

    @Test
    void csvTypedRowsMatchRecordsRejectionsAndProfile() {
        List<ReadItem> items = new ArrayList<>();
        FieldProfiler fromRecords = new FieldProfiler(SCHEMA);
        try (RecordSource s = open()) {
            ReadItem i;
            while ((i = s.next()) != null) {
                items.add(i);
                if (i instanceof ReadItem.Row r) {
                    fromRecords.add(r.record());
                }
            }
        }
        Schema avro = AvroSchemas.toAvro(SCHEMA);
        List<Object> typed = new ArrayList<>();
        FieldProfiler fromRows = new FieldProfiler(SCHEMA);
        try (RecordSource s = open()) {
            TypedRow row = new TypedRow(SCHEMA);
            List<QuarantineEntry> rejected = new ArrayList<>();
            RecordSource.Next next;
            while ((next = s.readInto(row, rejected)) != RecordSource.Next.END) {
                if (next == RecordSource.Next.ROW) {
                    typed.add(List.of(values(row.toRecord(avro)), row.line()));
                    fromRows.add(row);
                } else {
                    typed.add(rejected.remove(rejected.size() - 1));
                }
            }
        }

        List<Object> expected = items.stream().map(i -> i instanceof ReadItem.Row r
                ? (Object) List.<Object>of(values(r.record()), r.source().line()) : ((ReadItem.Malformed) i).entry()).toList();
        assertThat(expected).hasSize(10);
        assertThat(expected.stream().filter(e -> e instanceof List)).hasSize(4);
        assertThat(typed).isEqualTo(expected);
        assertThat(fromRows.profiles()).isEqualTo(fromRecords.profiles());
    }

    @Test
    void profileOfTypedRowsEqualsProfileOfRecordsAndMerges() {
        Schema avro = AvroSchemas.toAvro(SCHEMA);
        FieldProfiler a = new FieldProfiler(SCHEMA);
        FieldProfiler b = new FieldProfiler(SCHEMA);
        FieldProfiler records = new FieldProfiler(SCHEMA);
        TypedRow row = new TypedRow(SCHEMA);
        for (int i = 0; i < 3000; i++) {
            row.clear();
            row.setLong(0, i * 7919L % 1000 - 500);
            row.setText(1, "C" + (i % 37));
            if (i % 5 != 0) {
                row.setText(2, i % 3 == 0 ? "" : "näme " + (i % 101));
                row.setDouble(3, i % 11 == 0 ? -0.0 : i % 13 == 0 ? Double.NaN : Math.sin(i));
                row.setBoolean(4, i % 2 == 0);
                row.setObject(5, java.time.LocalDate.ofEpochDay(i));
                row.setObject(8, new java.math.BigDecimal(i).movePointLeft(2));
            }
            GenericRecord r = row.toRecord(avro);
            records.add(r);
            (i < 1700 ? a : b).add(row);
        }
        a.merge(b);

        assertThat(a.profiles()).isEqualTo(records.profiles());
        assertThat((Double) records.profiles().get(3).min()).isLessThan(-0.99);
        assertThat(records.profiles().get(3).max()).isEqualTo(Double.NaN);
        assertThat(records.profiles().get(4).min()).isEqualTo(false);
        assertThat(records.profiles().get(2).min()).isEqualTo("");
    }
}
