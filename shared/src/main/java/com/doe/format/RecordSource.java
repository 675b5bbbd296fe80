package com.doe.format;

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

    @Override
    void close();
}
