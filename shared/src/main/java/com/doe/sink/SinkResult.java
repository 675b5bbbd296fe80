package com.doe.sink;

import com.doe.quarantine.QuarantineEntry;
import java.util.List;

/**
 * What a sink did with one chunk.
 *
 * @param rejected rows the destination refused because of their content, with the reason
 * @param stats    the sink's counters for the chunk
 */
public record SinkResult(List<RejectedRow> rejected, SinkStats stats) {

    public SinkResult {
        rejected = List.copyOf(rejected);
    }

    /**
     * One refused row.
     *
     * @param row   the row's 0-based position in the chunk given to the sink
     * @param entry the quarantine entry (step, rule, reason, source, values)
     */
    public record RejectedRow(int row, QuarantineEntry entry) {
    }
}
