package com.doe.format;

import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.SourceRef;
import org.apache.avro.generic.GenericRecord;

/** What a reader yields for each row of a file: a record, or a malformed row explained. */
public sealed interface ReadItem {

    /** A row that fits the dataset schema. */
    record Row(GenericRecord record, SourceRef source) implements ReadItem {
    }

    /** A row that could not be read into the schema; it goes to quarantine. */
    record Malformed(QuarantineEntry entry) implements ReadItem {
    }
}
