package com.doe.preview;

import com.doe.quarantine.QuarantineEntry;
import com.doe.step.StageKind;
import java.util.List;
import java.util.Map;

/**
 * What one step did to the sample.
 *
 * @param stepId     the step
 * @param type       its type
 * @param stage      its stage kind
 * @param executed   whether the preview ran it (transform steps) or only passed rows through (sinks,
 *                   which write nothing in a preview) or stopped (ML steps, executed by the ML module)
 * @param note       why a step was not executed, or null
 * @param rows       the rows it emitted, as field -> value
 * @param rejections the rows it rejected, with reasons
 * @param filtered   how many rows it removed without error
 */
public record StepPreview(String stepId, String type, StageKind stage, boolean executed, String note,
                          List<Map<String, Object>> rows, List<QuarantineEntry> rejections, long filtered) {
}
