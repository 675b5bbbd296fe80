package com.doe.chunk;

import com.doe.quarantine.SourceRef;
import org.apache.avro.generic.GenericRecord;

/** A record and where it came from in the source file, carried through every stage for quarantine entries. */
public record SourcedRecord(GenericRecord record, SourceRef source) {
}
