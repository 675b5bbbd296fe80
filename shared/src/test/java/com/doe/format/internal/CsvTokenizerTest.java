package com.doe.format.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CsvTokenizerTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void splitsFieldsAtTheDelimiter() {
        assertThat(records("id,name,state\n1,Austin,TX\n")).containsExactly("1:[id][name][state]", "2:[1][Austin][TX]");
    }

    @Test
    void keepsDelimitersAndLineBreaksInsideQuotes() {
        assertThat(records("\"a,b\",c\n\"x\ny\",z\n")).containsExactly("1:[a,b][c]", "2:[x\\ny][z]");
    }

    @Test
    void countsLineBreaksInsideQuotesForTheLinesOfLaterRecords() {
        assertThat(records("\"a\r\nb\"\r\nc\n\"d\re\"\rf\n\"g\nh\ni\",j\nk"))
                .containsExactly("1:[a\\r\\nb]", "3:[c]", "4:[d\\re]", "6:[f]", "7:[g\\nh\\ni][j]", "10:[k]");
    }

    @Test
    void unescapesDoubledQuotes() {
        assertThat(records("\"a\"\"b\",\"\"\"\",\"x\"\"\"\n")).containsExactly("1:[a\"b][\"][x\"]");
    }

    @Test
    void joinsTextAfterAClosingQuoteToTheField() {
        assertThat(records("\"ab\"cd,e\n")).containsExactly("1:[abcd][e]");
    }

    @Test
    void reopensQuotesAtAQuoteAfterTheClosingQuoteKeepingThatQuote() {
        // FastCSV: the quote after "c" reopens the quotes (so the comma is data) and is itself kept.
        assertThat(records("\"ab\"c\"d,e\"f\nx")).containsExactly("1:[abc\"d,ef]", "2:[x]");
    }

    @Test
    void keepsQuotesInsideAnUnquotedField() {
        assertThat(records("ab\"cd,e\nab\"c,d\"e\na\"\"\n")).containsExactly("1:[ab\"cd][e]", "2:[ab\"c][d\"e]", "3:[a\"\"]");
    }

    @Test
    void readsAnUnterminatedQuoteToTheEndOfTheInput() {
        assertThat(records("a\n\"bc\nd,e")).containsExactly("1:[a]", "2:[bc\\nd,e]");
        assertThat(records("a,\"")).containsExactly("1:[a][]");
    }

    @Test
    void dropsAQuoteThatReopensTheFieldAsTheLastByteOfTheInput() {
        // FastCSV quirk: in "a"" the second quote reopens the quotes and, being the last byte, is dropped.
        assertThat(records("\"a\"\"")).containsExactly("1:[a]");
        assertThat(records("\"a\"\"\"")).containsExactly("1:[a\"]");
    }

    @Test
    void keepsEmptyFieldsAndATrailingDelimiter() {
        assertThat(records("a,,b\nc,\n,\n")).containsExactly("1:[a][][b]", "2:[c][]", "3:[][]");
        assertThat(records("c,")).containsExactly("1:[c][]");
    }

    @Test
    void readsTheLastLineWithoutALineBreak() {
        assertThat(records("a,b\nc,d")).containsExactly("1:[a][b]", "2:[c][d]");
    }

    @Test
    void endsLinesAtCrLfAndCrLf() {
        assertThat(records("a\rb\r\nc\nd\r")).containsExactly("1:[a]", "2:[b]", "3:[c]", "4:[d]");
    }

    @Test
    void skipsEmptyLinesAndLinesOfOnlyCrButCountsThem() {
        assertThat(records("a\n\n\r\r\n\nb\r\r\r\nc")).containsExactly("1:[a]", "6:[b]", "9:[c]");
    }

    @Test
    void keepsLinesOfAnEmptyQuotedFieldOrOfSpaces() {
        assertThat(records("\"\"\n \nb")).containsExactly("1:[]", "2:[ ]", "3:[b]");
    }

    @Test
    void readsNoRecordFromEmptyInputOrOnlyLineBreaks() {
        assertThat(records("")).isEmpty();
        assertThat(records("\r\n\n\r")).isEmpty();
    }

    @Test
    void skipsAByteOrderMarkAtTheStartOnly() {
        assertThat(records(concat(BOM, utf8("a,b\n")))).containsExactly("1:[a][b]");
        assertThat(records(BOM)).isEmpty();
        assertThat(records(concat(utf8("a\n"), BOM, utf8("b")))).containsExactly("1:[a]", "2:[\\ufeffb]");
    }

    @Test
    void dropsAQuotedFieldWhoseCrIsFollowedByTheLfEndingIt() {
        // FastCSV quirk: a CR inside quotes stays pending until an LF inside quotes, a delimiter or a
        // reopening quote; an LF ending the field takes it as a CRLF, drops the field and goes on.
        assertThat(records("x,\"a\r\"\ny\nz")).containsExactly("1:[x][y]", "3:[z]");
        assertThat(records("\"a\rb\"\nc\nd")).containsExactly("1:[c]", "3:[d]");
        assertThat(records("\"a\r\",z\nb")).containsExactly("1:[a\\r][z]", "3:[b]");
        assertThat(records("\"a\r\"\r\nb")).containsExactly("1:[a\\r]", "3:[b]");
    }

    @Test
    void losesARecordWhoseDroppedFieldEndsTheInput() {
        assertThat(records("w\nx,\"a\r\"\n")).containsExactly("1:[w]");
    }

    @Test
    void countsAnLfAfterACrInsideQuotesAsPartOfThatCr() {
        // FastCSV quirk: the LF two bytes after the CR counts no line, so x is said to be on line 3, not 4.
        assertThat(records("\"a\rb\nc\"\nx")).containsExactly("1:[a\\rb\\nc]", "3:[x]");
    }

    @Test
    void usesTheGivenDelimiterAndQuote() {
        assertThat(records(utf8("'a|b'|c,\"d\"\n"), '|', '\'')).containsExactly("1:[a|b][c,\"d\"]");
        assertThat(records(utf8("a\t\"b;c\t\"\n"), '\t', '"')).containsExactly("1:[a][b;c\\t]");
    }

    @Test
    void pointsIntoTheBufferForEachField() {
        CsvTokenizer csv = tokenizer(utf8("12,\"x\"\"y\",\n"));
        assertThat(csv.next()).isTrue();
        assertThat(csv.count()).isEqualTo(3);
        assertThat(new String(csv.buffer(), csv.start(0), csv.length(0), StandardCharsets.US_ASCII)).isEqualTo("12");
        assertThat(new String(csv.buffer(), csv.start(1), csv.length(1), StandardCharsets.US_ASCII)).isEqualTo("x\"y");
        assertThat(csv.length(2)).isZero();
        assertThat(csv.next()).isFalse();
    }

    @Test
    void tellsWhetherARecordIsAscii() {
        CsvTokenizer csv = tokenizer(concat(utf8("a,b\né,b\na,"), new byte[]{(byte) 0xFF}, utf8("\n\"a\r\"é\nb\n")));
        List<Boolean> ascii = new ArrayList<>();
        while (csv.next()) {
            ascii.add(csv.ascii());
        }
        // The last record is [b]: its dropped first field held the only non-ASCII byte.
        assertThat(ascii).containsExactly(true, false, false, true);
    }

    @Test
    void decodesUtf8AndReplacesMalformedBytesAsAReaderDoes() {
        byte[] input = concat(utf8("é,中,😀,"), new byte[]{(byte) 0xE4, (byte) 0xB8, ',', (byte) 0xFF, (byte) 0x80, '\n'});
        assertThat(records(input)).containsExactly("1:[\\u00e9][\\u4e2d][\\ud83d\\ude00][\\ufffd][\\ufffd\\ufffd]");
    }

    @Test
    void decodesTheBytesOnEachSideOfARemovedQuoteApart() {
        // A reader sees C3 " A9: two malformed bytes, not an é.
        byte[] input = {'"', (byte) 0xC3, '"', (byte) 0xA9, '\n', '"', (byte) 0xC3, '"', '"', (byte) 0xA9, '"'};
        assertThat(records(input)).containsExactly("1:[\\ufffd\\ufffd]", "2:[\\ufffd\"\\ufffd]");
    }

    @Test
    void holdsARecordLongerThanTheBufferAcrossManyReads() {
        String longField = "x".repeat(200_000);
        byte[] input = utf8("a,\"" + longField + "\",b\nc\n");
        CsvTokenizer csv = new CsvTokenizer(new ChoppyStream(input, new Random(1), 7), (byte) ',', (byte) '"');
        assertThat(csv.next()).isTrue();
        assertThat(csv.text(1)).isEqualTo(longField);
        assertThat(csv.text(2)).isEqualTo("b");
        assertThat(csv.next()).isTrue();
        assertThat(csv.line()).isEqualTo(2);
        assertThat(csv.text(0)).isEqualTo("c");
    }

    @Test
    void agreesWithFastCsvOnManyRecordsAndManyFields() {
        // More records and fields than one scan stores, some of them in quotes, empty or after CRLF.
        byte[] input = utf8("a,b\n".repeat(5000) + ",".repeat(20_000) + "\r\n" + "\"q\",\"\"\n\n".repeat(3000) + "x\r\n".repeat(700));
        assertThat(tokenize(tokenizer(input))).isEqualTo(fastCsv(input, ',', '"'));
    }

    @Test
    void rejectsARecordLongerThanTheLimitNamingItsLine() {
        byte[] input = utf8("a\nb\n\"" + "y".repeat(100) + "\n");
        CsvTokenizer csv = new CsvTokenizer(new ChoppyStream(input, new Random(2), 5), (byte) ',', (byte) '"', 64, 16);
        assertThat(csv.next()).isTrue();
        assertThat(csv.next()).isTrue();
        assertThatThrownBy(csv::next).isInstanceOf(CsvTokenizer.TooLong.class)
                .hasMessageContaining("line 3").hasMessageContaining("unterminated quote")
                .satisfies(e -> assertThat(((CsvTokenizer.TooLong) e).line()).isEqualTo(3));
        assertThatThrownBy(csv::next).isInstanceOf(CsvTokenizer.TooLong.class);
    }

    @Test
    void rejectsARecordOverTheLimitAlreadyInTheBuffer() {
        CsvTokenizer csv = new CsvTokenizer(new ByteArrayInputStream(utf8("a\n" + "y".repeat(65) + "\nb\n")), (byte) ',',
                (byte) '"', 64, 1024);
        assertThat(csv.next()).isTrue();
        assertThatThrownBy(csv::next).isInstanceOf(CsvTokenizer.TooLong.class).hasMessageContaining("line 2");
    }

    @Test
    void holdsARecordOfExactlyTheLimit() {
        String record = "y".repeat(30) + "," + "z".repeat(33);
        CsvTokenizer csv = new CsvTokenizer(new ChoppyStream(utf8(record + "\n" + record), new Random(3), 9), (byte) ',',
                (byte) '"', 64, 8);
        assertThat(csv.next()).isTrue();
        assertThat(csv.next()).isTrue();
        assertThat(csv.text(1)).isEqualTo("z".repeat(33));
        assertThat(csv.next()).isFalse();
    }

    @Test
    void reportsAFailingStream() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        CsvTokenizer csv = new CsvTokenizer(broken, (byte) ',', (byte) '"');
        assertThatThrownBy(csv::next).isInstanceOf(UncheckedIOException.class).hasMessageContaining("connection reset");
    }

    @Test
    void closesTheStream() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        new CsvTokenizer(in, (byte) ',', (byte) '"').close();
        assertThat(closed).isTrue();
    }

    /**
     * Random inputs over the bytes that matter (every pair's delimiter and quote, CR, LF, multi-byte and
     * malformed UTF-8), read in random small pieces into a small first buffer, give the same records as
     * FastCSV: line, fields, their text and whether they are ASCII.
     */
    @Test
    void agreesWithFastCsvOnRandomInput() {
        char[][] pairs = {{',', '"'}, {';', '"'}, {'\t', '"'}, {'|', '\''}};
        for (long seed = 0; seed < 6000; seed++) {
            Random rnd = new Random(seed);
            char[] pair = pairs[(int) (seed % pairs.length)];
            byte[] input = randomCsv(rnd);
            int maxRead = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 1 + rnd.nextInt(64);
            int firstBuffer = rnd.nextBoolean() ? 8 + rnd.nextInt(64) : 1 << 16;
            List<String> want = fastCsv(input, pair[0], pair[1]);
            List<String> got = tokenize(new CsvTokenizer(new ChoppyStream(input, rnd, maxRead), (byte) pair[0],
                    (byte) pair[1], CsvTokenizer.MAX_RECORD_BYTES, firstBuffer));
            assertThat(got).as("seed %d, delimiter %s, quote %s, reads of at most %d bytes, first buffer %d, input \"%s\"",
                    seed, escape(String.valueOf(pair[0])), pair[1], maxRead, firstBuffer, escape(input)).isEqualTo(want);
        }
    }

    private static final byte[][] ALPHABET = {utf8(","), utf8(";"), utf8("\t"), utf8("|"), utf8("\""), utf8("'"),
        utf8("\r"), utf8("\n"), utf8(" "), utf8("a"), utf8("b"), utf8("7"), utf8("é"), utf8("中"), utf8("😀"),
        {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xE4, (byte) 0xB8}, {0}, {0x0B}};

    private static byte[] randomCsv(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (rnd.nextInt(10) == 0) {
            out.writeBytes(BOM);
        }
        int tokens = rnd.nextInt(5) == 0 ? rnd.nextInt(400) : rnd.nextInt(40);
        // Most inputs lean on a few bytes, so that quotes, delimiters and line breaks meet often.
        byte[][] alphabet = rnd.nextBoolean() ? ALPHABET : Arrays.copyOf(ALPHABET, 4 + rnd.nextInt(ALPHABET.length - 3));
        for (int t = 0; t < tokens; t++) {
            if (rnd.nextInt(200) == 0) {
                // a long run: a record over many reads and longer than the first buffer
                byte[] run = alphabet[9 % alphabet.length];
                for (int k = rnd.nextInt(3000); k > 0; k--) {
                    out.writeBytes(run);
                }
            }
            out.writeBytes(alphabet[rnd.nextInt(alphabet.length)]);
        }
        return out.toByteArray();
    }

    private static List<String> records(String csv) {
        return records(utf8(csv), ',', '"');
    }

    private static List<String> records(byte[] input) {
        return records(input, ',', '"');
    }

    /** Each record as "line:[field][field]", fields escaped. */
    private static List<String> records(byte[] input, char delimiter, char quote) {
        CsvTokenizer csv = new CsvTokenizer(new ByteArrayInputStream(input), (byte) delimiter, (byte) quote);
        List<String> out = new ArrayList<>();
        while (csv.next()) {
            StringBuilder r = new StringBuilder().append(csv.line()).append(':');
            for (int i = 0; i < csv.count(); i++) {
                r.append('[').append(escape(csv.text(i))).append(']');
            }
            out.add(r.toString());
        }
        return out;
    }

    private static CsvTokenizer tokenizer(byte[] input) {
        return new CsvTokenizer(new ByteArrayInputStream(input), (byte) ',', (byte) '"');
    }

    /** Each record as "line count ascii [field]...", the form both sides of the differential test give. */
    private static List<String> tokenize(CsvTokenizer csv) {
        List<String> out = new ArrayList<>();
        while (csv.next()) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < csv.count(); i++) {
                fields.add(csv.text(i));
            }
            out.add(describe(csv.line(), fields, csv.ascii()));
        }
        return out;
    }

    /** FastCSV configured as CsvRecordSource configures it, byte order mark dropped the same way. */
    private static List<String> fastCsv(byte[] input, char delimiter, char quote) {
        long[] line = new long[1];
        List<String> fields = new ArrayList<>();
        AbstractBaseCsvCallbackHandler<List<String>> handler = new AbstractBaseCsvCallbackHandler<>() {
            @Override
            protected void handleBegin(long startingLineNumber) {
                line[0] = startingLineNumber;
                fields.clear();
            }

            @Override
            protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
                fields.add(new String(buf, offset, len));
            }

            @Override
            protected RecordWrapper<List<String>> buildRecord() {
                return wrapRecord(fields);
            }
        };
        List<String> out = new ArrayList<>();
        try {
            PushbackReader reader = new PushbackReader(new InputStreamReader(new ByteArrayInputStream(input),
                    StandardCharsets.UTF_8), 1);
            int first = reader.read();
            if (first != -1 && first != '\uFEFF') {
                reader.unread(first);
            }
            try (CsvReader<List<String>> csv = CsvReader.builder().fieldSeparator(delimiter).quoteCharacter(quote)
                    .skipEmptyLines(true).ignoreDifferentFieldCount(true).detectBomHeader(true).build(handler, reader)) {
                for (List<String> record : csv) {
                    boolean ascii = record.stream().allMatch(s -> s.chars().allMatch(c -> c < 0x80));
                    out.add(describe(line[0], record, ascii));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String describe(long line, List<String> fields, boolean ascii) {
        StringBuilder r = new StringBuilder().append(line).append(' ').append(fields.size()).append(ascii ? " ascii " : " utf8 ");
        for (String f : fields) {
            r.append('[').append(escape(f)).append(']');
        }
        return r.toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
            }
        }
        return out.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Hands out its bytes in reads of 1 to {@code maxRead} bytes. */
    private static final class ChoppyStream extends InputStream {

        private final byte[] data;
        private final Random rnd;
        private final int maxRead;
        private int pos;

        ChoppyStream(byte[] data, Random rnd, int maxRead) {
            this.data = data;
            this.rnd = rnd;
            this.maxRead = maxRead;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), 1 + rnd.nextInt(maxRead));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
