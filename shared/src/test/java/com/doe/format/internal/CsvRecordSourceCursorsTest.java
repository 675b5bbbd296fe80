package com.doe.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.format.RecordSource;
import com.doe.format.SourceOptions;
import com.doe.format.TypedRow;
import com.doe.quarantine.QuarantineEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The CSV reader gives the same rows, locations and rejections whichever cursor splits the file: the
 * byte tokenizer that UTF-8 files go through, or FastCSV over decoded characters.
 */
class CsvRecordSourceCursorsTest {

    private static final DatasetSchema SCHEMA = DatasetSchema.of(
            Field.of("name", FieldType.STRING), Field.of("n", FieldType.LONG), Field.of("x", FieldType.DOUBLE),
            new Field("code", FieldType.STRING, true, null, null), Field.of("ok", FieldType.BOOLEAN));

    private static final String[] VALUES = {"", " ", "plain", "Zürich", "東京", "\uD83D\uDE00", "42", "-7", " 3 ", "1.5",
        "-0.25", "1e3", "NaN", "true", "FALSE", "x", "\"quoted, with comma\"", "\"say \"\"hi\"\"\"", "\"ab\"cd",
        "\"é\"è", "\"multi\nline\"", "\"cr\r\nlf\"", "a\"b", "12abc"};

    /** Random rows: values of every kind, quoted and joined fields, too few or too many columns, CRLF, blank lines, bad UTF-8. */
    private static byte[] file(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("name,n,x,code,ok\n".getBytes(StandardCharsets.UTF_8));
        for (int r = rnd.nextInt(60); r > 0; r--) {
            int columns = rnd.nextInt(12) == 0 ? 4 + rnd.nextInt(3) * 1 - (rnd.nextBoolean() ? 0 : 2) : 5;
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    out.write(',');
                }
                if (rnd.nextInt(40) == 0) {
                    out.writeBytes(new byte[]{'b', (byte) 0xC3, (byte) (rnd.nextBoolean() ? 0x28 : 0xFF), 'd'});
                } else {
                    out.writeBytes(VALUES[rnd.nextInt(VALUES.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            out.writeBytes((rnd.nextInt(5) == 0 ? "\r\n" : rnd.nextInt(15) == 0 ? "\n\n" : "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Every item the reader yields: each row's values and line, or each rejection's quarantine entry. */
    private static List<Object> read(CsvCursor cursor) {
        List<Object> items = new ArrayList<>();
        TypedRow row = new TypedRow(SCHEMA);
        List<QuarantineEntry> rejected = new ArrayList<>();
        try (CsvRecordSource source = new CsvRecordSource("f.csv", cursor, SourceOptions.DEFAULTS, SCHEMA)) {
            RecordSource.Next next;
            while ((next = source.readInto(row, rejected)) != RecordSource.Next.END) {
                if (next == RecordSource.Next.ROW) {
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < SCHEMA.size(); i++) {
                        values.add(row.get(i));
                    }
                    values.add(row.line());
                    items.add(values);
                } else {
                    items.add(rejected.remove(rejected.size() - 1));
                }
            }
        }
        return items;
    }

    @Test
    void theTokenizerAndFastCsvGiveTheSameRowsAndRejections() {
        Random rnd = new Random(41);
        int rows = 0;
        for (int trial = 0; trial < 1_500; trial++) {
            byte[] file = file(rnd);
            List<Object> fast = read(new CharsetCsvCursor(new ByteArrayInputStream(file), StandardCharsets.UTF_8, ',', '"'));
            List<Object> bytes = read(new CsvTokenizer(new ByteArrayInputStream(file), (byte) ',', (byte) '"'));

            assertThat(bytes).as("trial %d: %s", trial, new String(file, StandardCharsets.UTF_8)).isEqualTo(fast);
            rows += fast.size();
        }
        assertThat(rows).isGreaterThan(30_000);
    }

    @Test
    void aJoinedFieldIsTakenFromTheFileAsDecodedNotFromItsBytes() {
        // 0xC3, a quote, 0xA9: the bytes around the removed quote would form 'é', which the file does not hold
        byte[] file = {'a', '\n', '"', (byte) 0xC3, '"', (byte) 0xA9, '\n'};
        DatasetSchema one = DatasetSchema.of(Field.of("a", FieldType.STRING));
        TypedRow row = new TypedRow(one);
        try (CsvRecordSource source = new CsvRecordSource("f.csv", new CsvTokenizer(new ByteArrayInputStream(file), (byte) ',',
                (byte) '"'), SourceOptions.DEFAULTS, one)) {
            assertThat(source.readInto(row, new ArrayList<>())).isEqualTo(RecordSource.Next.ROW);
        }

        assertThat(row.getText(0)).isEqualTo("\uFFFD\uFFFD");
    }

    /** The first row of {@code file} read with {@code options}, as the ingest opens it. */
    private static TypedRow firstRow(byte[] file, SourceOptions options, DatasetSchema schema) {
        TypedRow row = new TypedRow(schema);
        try (CsvRecordSource source = new CsvRecordSource("f.csv", new ByteArrayInputStream(file), options, schema)) {
            assertThat(source.readInto(row, new ArrayList<>())).isEqualTo(RecordSource.Next.ROW);
        }
        return row;
    }

    @Test
    void filesInOtherEncodingsOrWithANonAsciiDelimiterAreReadThroughFastCsv() {
        DatasetSchema two = DatasetSchema.of(Field.of("city", FieldType.STRING), Field.of("n", FieldType.LONG));
        byte[] latin1 = "city;n\nZürich;8\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] section = "city§n\n\"Zürich§\"§8\n".getBytes(StandardCharsets.UTF_8);

        TypedRow a = firstRow(latin1, new SourceOptions(';', '"', true, StandardCharsets.ISO_8859_1), two);
        TypedRow b = firstRow(section, new SourceOptions('§', '"', true, StandardCharsets.UTF_8), two);

        assertThat(a.getText(0)).isEqualTo("Zürich");
        assertThat(a.getLong(1)).isEqualTo(8);
        assertThat(b.getText(0)).isEqualTo("Zürich§");
        assertThat(b.getLong(1)).isEqualTo(8);
        assertThat(b.lineNumber()).isEqualTo(2);
    }
}
