package com.doe.local.host.durable;

import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.InstanceQuery;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.PurgeInstanceFilter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceFilterTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Instance instance(String id, OrchestrationStatus status, Instant created) {
        return new Instance(OrchestrationState.newBuilder().setInstanceId(id).setName("Run").setOrchestrationStatus(status)
                .setCreatedTimestamp(HistoryEvents.timestamp(created)).build(), "e1", List.of(), List.of());
    }

    @Test
    void anEmptyQuerySelectsEveryInstance() {
        InstanceFilter filter = InstanceFilter.of(InstanceQuery.getDefaultInstance());

        assertThat(filter.test(instance("a", OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING, T))).isTrue();
        assertThat(filter.test(instance("b", OrchestrationStatus.ORCHESTRATION_STATUS_FAILED, T))).isTrue();
    }

    @Test
    void aQuerySelectsByStatusIdPrefixAndCreationTimeWithTheUpperBoundExcluded() {
        InstanceFilter filter = InstanceFilter.of(InstanceQuery.newBuilder()
                .addRuntimeStatus(OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED)
                .setInstanceIdPrefix(StringValue.of("run-"))
                .setCreatedTimeFrom(HistoryEvents.timestamp(T))
                .setCreatedTimeTo(HistoryEvents.timestamp(T.plusSeconds(10))).build());

        assertThat(filter.test(instance("run-1", OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED, T))).isTrue();
        assertThat(filter.test(instance("run-2", OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING, T))).isFalse();
        assertThat(filter.test(instance("other", OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED, T))).isFalse();
        assertThat(filter.test(instance("run-3", OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED, T.minusMillis(1)))).isFalse();
        assertThat(filter.test(instance("run-4", OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED, T.plusSeconds(10)))).isFalse();
    }

    @Test
    void aPurgeFilterSelectsByStatusAndCreationTime() {
        InstanceFilter filter = InstanceFilter.of(PurgeInstanceFilter.newBuilder()
                .addRuntimeStatus(OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED)
                .setCreatedTimeTo(HistoryEvents.timestamp(T)).build());

        assertThat(filter.test(instance("a", OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED, T.minusSeconds(1)))).isTrue();
        assertThat(filter.test(instance("b", OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED, T))).isFalse();
        assertThat(filter.test(instance("c", OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED, T.minusSeconds(1)))).isFalse();
    }
}
