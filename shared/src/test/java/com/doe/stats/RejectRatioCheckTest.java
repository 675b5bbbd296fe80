package com.doe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.doe.pipeline.Pipeline;
import com.doe.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectRatioCheckTest {

    /** The airports pipeline: step 'checks' has maxRejectRatio 0.05. */
    private final RejectRatioCheck check = RejectRatioCheck.of(Pipeline.compile(Fixtures.airports()));

    private static StageStats ingest(long read, long malformed) {
        return new StageStats("ingest", read, read - malformed, malformed, 0, List.of(), 0);
    }

    /** One transform chunk where 'tidy' passes everything and 'checks' rejects {@code rejected} rows. */
    private static StageStats transformChunk(long in, long rejected) {
        return new StageStats("transform-1", in, in - rejected, rejected, 0, List.of(
                new StepStats("tidy", in, in, 0, 0, Map.of(), Map.of()),
                new StepStats("checks", in, in - rejected, rejected, 0, Map.of("range:latitude", rejected), Map.of())), 0);
    }

    @Test
    void passesWhileRejectedOverReadIsAtOrUnderTheLimit() {
        assertThat(check.hasLimits()).isTrue();
        assertThat(check.check(List.of(ingest(1000, 0), transformChunk(1000, 50)))).isEmpty();
        assertThat(check.check(List.of(ingest(1000, 0)))).isEmpty();
        assertThat(check.check(List.of())).isEmpty();
        assertThat(check.check(List.of(ingest(0, 0), transformChunk(0, 0)))).isEmpty();
    }

    @Test
    void failsWhenTheStepsRejectionsSummedOverChunksExceedTheLimit() {
        StageStats soFar = transformChunk(400, 30).plus(transformChunk(400, 21));

        RejectRatioCheck.Breach b = check.check(List.of(ingest(1000, 0), soFar)).orElseThrow();

        assertThat(b.stepId()).isEqualTo("checks");
        assertThat(b.rejected()).isEqualTo(51);
        assertThat(b.read()).isEqualTo(1000);
        assertThat(b.ratio()).isEqualTo(0.051);
        assertThat(b.message()).contains("Pipeline 'airports'", "step 'checks'", "rejected 51 of 1,000 rows read",
                "ratio 0.0510", "maxRejectRatio 0.05", "raise maxRejectRatio");
    }

    @Test
    void countsOnlyTheStepsOwnRejectionsAgainstAllRowsRead() {
        // 100 malformed rows at ingest and 40 rejected by 'checks': 40 / 1000 is under 0.05.
        assertThat(check.check(List.of(ingest(1000, 100), transformChunk(900, 40)))).isEmpty();
    }

    @Test
    void enforceThrowsAPermanentRunRejection() {
        assertThatNoException().isThrownBy(() -> check.enforce(List.of(ingest(100, 0), transformChunk(100, 5))));
        assertThatThrownBy(() -> check.enforce(List.of(ingest(100, 0), transformChunk(100, 6))))
                .isInstanceOfSatisfying(RunRejectedException.class, e -> {
                    assertThat(e.stepId()).isEqualTo("checks");
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessageContaining("rejected 6 of 100 rows read");
    }

    @Test
    void aPipelineWithoutLimitsNeverFails() {
        RejectRatioCheck none = RejectRatioCheck.of(Pipeline.compile(Fixtures.airports().replace("\"maxRejectRatio\": 0.05,", "")));

        assertThat(none.hasLimits()).isFalse();
        assertThat(none.check(List.of(ingest(10, 0), transformChunk(10, 10)))).isEmpty();
    }
}
