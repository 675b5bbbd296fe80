package com.doe.format.internal;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.util.Arrays;

/**
 * FastCSV callback handler that keeps the fields of the current record as slices of one reused
 * character buffer instead of a {@code String} per field. The record it yields is the handler itself,
 * valid until the reader fetches the next record. Not thread-safe.
 */
final class CsvFields extends AbstractBaseCsvCallbackHandler<CsvFields> {

    private char[] chars = new char[1024];
    private int[] starts = new int[32];
    private int[] lengths = new int[32];
    private int count;
    private int used;
    private long line;

    @Override
    protected void handleBegin(long startingLineNumber) {
        line = startingLineNumber;
        count = 0;
        used = 0;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        if (used + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
        }
        System.arraycopy(buf, offset, chars, used, len);
        starts[count] = used;
        lengths[count] = len;
        count++;
        used += len;
    }

    @Override
    protected RecordWrapper<CsvFields> buildRecord() {
        return wrapRecord(this);
    }

    /** The physical line (1-based) where the record starts. */
    long line() {
        return line;
    }

    int count() {
        return count;
    }

    char[] chars() {
        return chars;
    }

    int start(int field) {
        return starts[field];
    }

    int length(int field) {
        return lengths[field];
    }

    String text(int field) {
        return new String(chars, starts[field], lengths[field]);
    }
}
