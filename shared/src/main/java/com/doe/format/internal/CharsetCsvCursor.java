package com.doe.format.internal;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@link CsvCursor} for any character set and any delimiter and quote characters: FastCSV reads
 * the decoded characters and a callback handler encodes each field to UTF-8 into one buffer, without
 * a {@code String} per field.
 */
final class CharsetCsvCursor implements CsvCursor {

    private final Fields fields = new Fields();
    private final CsvReader<Fields> csv;
    private final CloseableIterator<Fields> records;

    CharsetCsvCursor(InputStream in, Charset charset, char delimiter, char quote) {
        this.csv = CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter(quote)
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .detectBomHeader(true)
                .build(fields, withoutByteOrderMark(new InputStreamReader(in, charset)));
        this.records = csv.iterator();
    }

    /**
     * Drops a leading byte order mark: FastCSV only detects one when it reads bytes itself, and left in
     * place it becomes part of the first column's name.
     */
    private static Reader withoutByteOrderMark(Reader reader) {
        PushbackReader r = new PushbackReader(reader, 1);
        try {
            int first = r.read();
            if (first != -1 && first != '\uFEFF') {
                r.unread(first);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    @Override
    public boolean next() {
        try {
            if (!records.hasNext()) {
                return false;
            }
            records.next();
            return true;
        } catch (CsvParseException e) {
            throw new Unparseable(rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public long line() {
        return fields.line;
    }

    @Override
    public int count() {
        return fields.count;
    }

    @Override
    public byte[] buffer() {
        return fields.bytes;
    }

    @Override
    public int start(int field) {
        return fields.starts[field];
    }

    @Override
    public int length(int field) {
        return fields.lengths[field];
    }

    @Override
    public boolean ascii() {
        return fields.ascii;
    }

    @Override
    public String text(int field) {
        return new String(fields.bytes, fields.starts[field], fields.lengths[field], StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects the current record's fields as UTF-8 (an unpaired surrogate becomes '?', as {@code String.getBytes} makes it). */
    private static final class Fields extends AbstractBaseCsvCallbackHandler<Fields> {

        private byte[] bytes = new byte[256];
        private int used;
        private int[] starts = new int[32];
        private int[] lengths = new int[32];
        private int count;
        private long line;
        private boolean ascii;

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = startingLineNumber;
            count = 0;
            used = 0;
            ascii = true;
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            reserve(len);
            int at = used;
            for (int k = 0; k < len; k++) {
                char c = buf[offset + k];
                if (c >= 0x80) {
                    ascii = false;
                    byte[] utf8 = new String(buf, offset, len).getBytes(StandardCharsets.UTF_8);
                    reserve(utf8.length);
                    System.arraycopy(utf8, 0, bytes, at, utf8.length);
                    add(at, utf8.length);
                    return;
                }
                bytes[at + k] = (byte) c;
            }
            add(at, len);
        }

        private void add(int at, int len) {
            starts[count] = at;
            lengths[count] = len;
            count++;
            used = at + len;
        }

        private void reserve(int len) {
            if (used + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + len));
            }
        }

        @Override
        protected RecordWrapper<Fields> buildRecord() {
            return wrapRecord(this);
        }
    }
}
