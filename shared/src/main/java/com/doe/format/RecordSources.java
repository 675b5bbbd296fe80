package com.doe.format;

import com.doe.DoeException;
import com.doe.format.internal.AvroRecordSource;
import com.doe.format.internal.CsvRecordSource;
import com.doe.format.internal.JsonArrayRecordSource;
import com.doe.format.internal.JsonLinesRecordSource;
import com.doe.format.internal.ParquetRecordSource;
import com.doe.format.internal.RowDecoder;
import java.io.IOException;
import java.io.InputStream;

/** Opens the streaming reader for a source format. */
public final class RecordSources {

    /** The step id of reader rejections in quarantine entries and stats. */
    public static final String READ_STEP = RowDecoder.STEP;

    private RecordSources() {
    }

    /**
     * Opens {@code file} as {@code format}, producing records of {@code schema}.
     *
     * @throws DoeException when the file cannot be opened or does not match the format
     */
    public static RecordSource open(SourceFormat format, SourceOptions options, DatasetSchema schema, SourceFile file) {
        try {
            if (format == SourceFormat.PARQUET) {
                return new ParquetRecordSource(file.name(), file.localPath(), schema);
            }
            InputStream in = file.open();
            return switch (format) {
                case CSV -> new CsvRecordSource(file.name(), in, options, schema);
                case JSONL -> new JsonLinesRecordSource(file.name(), in, options.encoding(), schema);
                case JSON -> new JsonArrayRecordSource(file.name(), in, options.encoding(), schema);
                case AVRO -> new AvroRecordSource(file.name(), in, schema);
                case PARQUET -> throw new IllegalStateException();
            };
        } catch (IOException e) {
            throw new DoeException("Could not open '" + file.name() + "': " + e.getMessage(), e);
        }
    }
}
