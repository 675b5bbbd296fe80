package com.doe.format;

import com.doe.quarantine.QuarantineEntry;
import java.util.List;

/**
 * A streaming reader over one file: constant memory whatever the file size. Not thread-safe; one
 * thread reads it from start to end, then closes it.
 */
public interface RecordSource extends AutoCloseable {

    /**
     * The next row or malformed row, or null at the end of the file. A malformed row never ends the
     * file unless the format cannot be resynchronised (an unterminated quote that runs to the end of
     * a CSV file, broken JSON array syntax, a corrupt binary block); then it is reported as the last item.
     *
     * @throws com.doe.DoeException when the file cannot be read at all (I/O failure, not the
     *                              declared format, a schema column missing from the header)
     */
    ReadItem next();

    /** What {@link #readInto} found. */
    enum Next {
        /** a row that fits the schema: its values and location are in the row */
        ROW,
        /** a malformed row: its quarantine entry was added to the list */
        MALFORMED,
        /** the end of the file */
        END
    }

    /**
     * Reads the next item like {@link #next()}, without building a record for a good row: its values
     * and location go into {@code row} (cleared first), equal to the record {@code next()} would
     * return. Its strings may refer to the reader's buffer: use the row before reading on. A
     * malformed row's quarantine entry is appended to {@code rejected} instead. Readers
     * that can decode straight from their input (CSV) override this; the default goes through
     * {@link #next()}.
     */
    default Next readInto(TypedRow row, List<QuarantineEntry> rejected) {
        ReadItem item = next();
        if (item == null) {
            return Next.END;
        }
        if (item instanceof ReadItem.Malformed m) {
            rejected.add(m.entry());
            return Next.MALFORMED;
        }
        ReadItem.Row r = (ReadItem.Row) item;
        row.clear();
        row.fill(r.record());
        row.setLocation(r.source() == null ? null : r.source().line(), r.source() == null ? null : r.source().record());
        return Next.ROW;
    }

    @Override
    void close();
}
