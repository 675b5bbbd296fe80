package com.doe.pipeline;

import com.doe.format.DatasetSchema;
import com.doe.format.SourceFormat;
import com.doe.format.SourceOptions;
import java.util.Optional;

/**
 * The {@code source} section: how to read files.
 *
 * @param format  file format
 * @param options reader options
 * @param schema  the declared dataset schema, or null when it is inferred from the first file
 */
public record SourceDefinition(SourceFormat format, SourceOptions options, DatasetSchema schema) {

    public Optional<DatasetSchema> declaredSchema() {
        return Optional.ofNullable(schema);
    }
}
