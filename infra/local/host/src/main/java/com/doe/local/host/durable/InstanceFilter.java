package com.doe.local.host.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.InstanceQuery;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.PurgeInstanceFilter;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which instances a client's query or purge by filter selects: any of the runtime statuses (all if
 * none is given), an id prefix, and a creation time in {@code [createdFrom, createdTo)}. A null
 * prefix or bound does not restrict.
 */
record InstanceFilter(List<OrchestrationStatus> statuses, String idPrefix, Instant createdFrom, Instant createdTo)
        implements Predicate<Instance> {

    InstanceFilter {
        statuses = List.copyOf(statuses);
    }

    static InstanceFilter of(InstanceQuery query) {
        return new InstanceFilter(query.getRuntimeStatusList(),
                query.hasInstanceIdPrefix() ? query.getInstanceIdPrefix().getValue() : null,
                query.hasCreatedTimeFrom() ? HistoryEvents.instant(query.getCreatedTimeFrom()) : null,
                query.hasCreatedTimeTo() ? HistoryEvents.instant(query.getCreatedTimeTo()) : null);
    }

    static InstanceFilter of(PurgeInstanceFilter filter) {
        return new InstanceFilter(filter.getRuntimeStatusList(), null,
                filter.hasCreatedTimeFrom() ? HistoryEvents.instant(filter.getCreatedTimeFrom()) : null,
                filter.hasCreatedTimeTo() ? HistoryEvents.instant(filter.getCreatedTimeTo()) : null);
    }

    @Override
    public boolean test(Instance instance) {
        Instant created = HistoryEvents.instant(instance.state().getCreatedTimestamp());
        return (statuses.isEmpty() || statuses.contains(instance.status()))
                && (idPrefix == null || instance.id().startsWith(idPrefix))
                && (createdFrom == null || !created.isBefore(createdFrom))
                && (createdTo == null || created.isBefore(createdTo));
    }
}
