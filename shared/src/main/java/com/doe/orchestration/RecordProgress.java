package com.doe.orchestration;

import com.doe.run.RunLedger;
import com.doe.run.RunStatus;

/**
 * Activity: writes a running run's stages and totals to its record (status {@code Running}).
 * Idempotent: it writes the same content however often it runs, and never changes a final record.
 */
public final class RecordProgress {

    public static final String NAME = "RecordProgress";

    private final RunLedger ledger;

    public RecordProgress(RunLedger ledger) {
        this.ledger = ledger;
    }

    public void run(RunSnapshot snapshot) {
        ledger.update(snapshot.input().runId(), r -> snapshot.applyTo(r.withStatus(RunStatus.Running)));
    }
}
