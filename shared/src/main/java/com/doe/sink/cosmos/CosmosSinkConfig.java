package com.doe.sink.cosmos;

import com.doe.pipeline.SettingValues;
import com.doe.step.sink.SinkConfig;
import java.util.List;

/**
 * The typed settings of a {@code cosmos} step (declared in {@link com.doe.step.sink.CosmosStepType}).
 *
 * @param database     the database, created with the container when missing (key auth only)
 * @param container    the container
 * @param idFields     fields forming the document id; empty means a deterministic id from source and row
 * @param partitionKey the field holding the partition key value, or null to partition by {@code id}
 */
public record CosmosSinkConfig(String database, String container, List<String> idFields, String partitionKey) {

    public CosmosSinkConfig {
        idFields = List.copyOf(idFields);
    }

    public static CosmosSinkConfig from(SinkConfig config) {
        SettingValues s = config.settings();
        return new CosmosSinkConfig(s.string("database"), s.string("container"), s.strings("idFields"),
                s.string("partitionKey"));
    }

    /** The container's partition key path: {@code /<partitionKey>}, or {@code /id}. */
    public String partitionKeyPath() {
        return "/" + (partitionKey == null ? "id" : partitionKey);
    }
}
