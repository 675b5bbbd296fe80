package com.doe.sink;

import java.util.Objects;

/**
 * Counters of one sink for one chunk, or summed over chunks with {@link #plus}.
 *
 * @param stepId      the sink step
 * @param type        its type ({@code neo4j}, {@code cosmos}, {@code blob}, {@code kafka})
 * @param rowsIn      rows given to the sink
 * @param rowsWritten rows written (for Kafka: also rows found already produced by an earlier delivery)
 * @param rejected    rows refused because of their content (quarantined)
 * @param nanos       wall-clock time spent writing
 * @param detail      the destination's own counters
 */
public record SinkStats(String stepId, String type, long rowsIn, long rowsWritten, long rejected, long nanos,
                        SinkDetail detail) {

    public SinkStats {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(detail, "detail");
    }

    public SinkStats plus(SinkStats o) {
        return new SinkStats(stepId, type, rowsIn + o.rowsIn, rowsWritten + o.rowsWritten, rejected + o.rejected,
                nanos + o.nanos, detail.plus(o.detail));
    }

    /** Rows written per second of wall-clock time. */
    public double rowsPerSecond() {
        return nanos == 0 ? 0 : rowsWritten * 1e9 / nanos;
    }
}
