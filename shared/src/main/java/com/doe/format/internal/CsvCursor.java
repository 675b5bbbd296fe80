package com.doe.format.internal;

/**
 * A CSV file read record by record, each field a slice of UTF-8 bytes in one buffer: the form the
 * typed row and the chunk encoder keep strings in, so string fields are copied, never decoded. Not
 * thread-safe.
 */
interface CsvCursor extends AutoCloseable {

    /**
     * Advances to the next record, skipping empty lines.
     *
     * @return false at the end of the file
     * @throws Unparseable when the rest of the file cannot be split into records
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    boolean next();

    /** The 1-based physical line where the current record starts, as an editor shows it. */
    long line();

    /** How many fields the current record has. */
    int count();

    /** The bytes of the current record's fields; valid until {@link #next()}. */
    byte[] buffer();

    /** Where field {@code field} starts in {@link #buffer()} (quotes removed, escaped quotes unescaped). */
    int start(int field);

    /** The length of field {@code field} in bytes. */
    int length(int field);

    /** Whether every byte of the current record is below 0x80, so its fields are well-formed UTF-8 as they are. */
    boolean ascii();

    /** Field {@code field} as a string (malformed UTF-8 replaced by U+FFFD). */
    String text(int field);

    /**
     * Whether field {@code field} joins byte runs that a removed quote separated ({@code "ab"cd}). Its
     * bytes may then form a character that the file does not hold, so a field that is not ASCII must
     * be taken from {@link #text} rather than from its bytes.
     */
    default boolean joined(int field) {
        return false;
    }

    @Override
    void close();

    /** The rest of the file cannot be split into records, typically after an unterminated quote. */
    class Unparseable extends RuntimeException {
        Unparseable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
