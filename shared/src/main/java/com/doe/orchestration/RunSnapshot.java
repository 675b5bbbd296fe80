package com.doe.orchestration;

import com.doe.plan.Plan;
import com.doe.run.RunRecord;
import com.doe.run.RunQuality;
import com.doe.run.RunStatus;
import com.doe.run.StageRecord;
import com.doe.stats.RunTotals;
import com.doe.stats.StageStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run as the orchestration knows it at one point, sent to the activities that write the run
 * record: the finished stages, and the stage in progress with its status.
 *
 * @param current         the index of the stage in progress or that ended the run, 0 when none
 * @param currentStatus   its status: Running, Failed or Cancelled
 * @param currentAttempts dispatches of it so far
 */
public record RunSnapshot(RunInput input, List<StageSummary> completed, int current, RunStatus currentStatus,
                          int currentAttempts) {

    public RunSnapshot {
        completed = List.copyOf(completed);
    }

    /** Ingest, then every planned stage: finished ones with their counters, later ones Pending. */
    public List<StageRecord> stageRecords() {
        List<StageRecord> out = new ArrayList<>();
        StageTotals ingest = input.ingest();
        out.add(new StageRecord(0, Plan.INGEST, List.of(), RunStatus.Completed, ingest.rowsIn(), ingest.rowsOut(),
                ingest.rejected(), input.ingestChunks(), 1, ingest.nanos() / 1_000_000));
        for (StagePlan s : input.stages()) {
            StageSummary done = s.index() <= completed.size() ? completed.get(s.index() - 1) : null;
            // A whole-run stage has one task but reads and writes every chunk of the run, like the others.
            int chunks = input.ingestChunks();
            if (done != null) {
                StageTotals t = done.totals();
                out.add(new StageRecord(s.index(), s.kind(), s.steps(), RunStatus.Completed, t.rowsIn(), t.rowsOut(),
                        t.rejected(), chunks, done.attempts(), done.durationMs()));
            } else if (s.index() == current) {
                out.add(new StageRecord(s.index(), s.kind(), s.steps(), currentStatus, 0, 0, 0, chunks, currentAttempts, 0));
            } else {
                out.add(new StageRecord(s.index(), s.kind(), s.steps(), RunStatus.Pending, 0, 0, 0, chunks, 0, 0));
            }
        }
        return out;
    }

    /** Totals over ingest and the finished stages. */
    public RunTotals totals() {
        List<StageStats> stats = new ArrayList<>();
        stats.add(input.ingest().toStats(Plan.INGEST));
        completed.forEach(s -> stats.add(s.totals().toStats(s.name())));
        return RunTotals.of(stats);
    }

    /** {@code record} with this snapshot's stages, totals and rule failures (its field profile kept). */
    public RunRecord applyTo(RunRecord record) {
        Map<String, Long> rules = new HashMap<>(input.ingest().ruleFailures());
        completed.forEach(s -> s.totals().ruleFailures().forEach((k, v) -> rules.merge(k, v, Long::sum)));
        return record.withProgress(totals(), stageRecords(), new RunQuality(rules, record.quality().fields()));
    }
}
