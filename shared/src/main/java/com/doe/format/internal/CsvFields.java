package com.doe.format.internal;

import com.doe.format.TypedRow;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.util.Arrays;

/**
 * FastCSV callback handler that copies the fields of the current record into the text buffer of a
 * {@link TypedRow} (cleared when the record begins) instead of making a {@code String} per field:
 * the row's string fields are then slices of that copy, and the other fields are typed from it. The
 * record it yields is the handler itself, valid until the reader fetches the next record or the row
 * is cleared. Not thread-safe.
 */
final class CsvFields extends AbstractBaseCsvCallbackHandler<CsvFields> {

    private TypedRow row;
    private int[] starts = new int[32];
    private int[] lengths = new int[32];
    private int count;
    private long line;

    CsvFields(TypedRow row) {
        this.row = row;
    }

    /** The row the next records are copied into. */
    void copyInto(TypedRow target) {
        row = target;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        line = startingLineNumber;
        count = 0;
        row.clear();
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        starts[count] = row.appendText(buf, offset, len);
        lengths[count] = len;
        count++;
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

    /** Where field {@code field} starts in the row's text buffer. */
    int start(int field) {
        return starts[field];
    }

    int length(int field) {
        return lengths[field];
    }

    String text(int field) {
        return new String(row.textBuffer(), starts[field], lengths[field]);
    }
}
