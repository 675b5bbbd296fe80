package com.doe.quarantine;

/**
 * Where a row came from: the source blob and, for text formats, the physical line as an editor shows
 * it (the CSV header is line 1); for binary formats (Avro, Parquet), the 0-based record index.
 *
 * @param blob   the source blob or file name
 * @param line   1-based physical line, or null for binary formats
 * @param record 0-based record index, or null for text formats
 */
public record SourceRef(String blob, Long line, Long record) {

    public static SourceRef line(String blob, long line) {
        return new SourceRef(blob, line, null);
    }

    public static SourceRef record(String blob, long index) {
        return new SourceRef(blob, null, index);
    }

    /** The position as one number: the line, or the record index. */
    public long position() {
        return line != null ? line : record != null ? record : -1;
    }

    /** "file.csv line 12" or "file.parquet record 3", for messages. */
    public String describe() {
        return blob + (line != null ? " line " + line : record != null ? " record " + record : "");
    }
}
