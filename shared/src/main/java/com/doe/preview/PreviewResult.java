package com.doe.preview;

import com.doe.format.DatasetSchema;
import com.doe.pipeline.Problem;
import com.doe.quarantine.QuarantineEntry;
import java.util.List;

/**
 * A dry run of a definition on the first rows of a file.
 *
 * @param schema         the source schema used (declared, or inferred from the sample)
 * @param schemaInferred whether it was inferred
 * @param problems       definition problems; when not empty, nothing was run
 * @param rowsRead       rows read from the sample (malformed ones included)
 * @param readRejections malformed rows of the sample
 * @param steps          per step, in order
 */
public record PreviewResult(DatasetSchema schema, boolean schemaInferred, List<Problem> problems, long rowsRead,
                            List<QuarantineEntry> readRejections, List<StepPreview> steps) {
}
