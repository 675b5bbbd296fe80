package com.doe.plan;

import com.doe.chunk.Chunk;
import com.doe.quarantine.QuarantineEntry;
import com.doe.stats.StageStats;
import java.util.List;

/**
 * What a stage produced for one chunk.
 *
 * @param output   the chunk for the next stage (same index, this stage's name)
 * @param rejected rows to quarantine
 * @param stats    the chunk's counters
 */
public record StageResult(Chunk output, List<QuarantineEntry> rejected, StageStats stats) {

    public StageResult {
        rejected = List.copyOf(rejected);
    }
}
