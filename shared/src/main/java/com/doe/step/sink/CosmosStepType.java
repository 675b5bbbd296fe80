package com.doe.step.sink;

import com.doe.pipeline.Setting;
import com.doe.pipeline.SettingKind;
import com.doe.pipeline.SettingValues;
import com.doe.step.BindContext;
import com.doe.step.BoundStep;
import com.doe.step.StageKind;
import com.doe.step.StepType;
import java.util.List;

/** {@code cosmos}: declared and checked here; executed by the Cosmos DB sink module. */
public final class CosmosStepType implements StepType {

    @Override
    public String name() {
        return "cosmos";
    }

    @Override
    public StageKind stage() {
        return StageKind.LOAD;
    }

    @Override
    public String doc() {
        return "Upserts rows as Cosmos DB documents with an id from fields (or deterministic from source and row).";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("database", SettingKind.STRING, "Cosmos DB database").mandatory(),
                Setting.of("container", SettingKind.STRING, "Cosmos DB container").mandatory(),
                Setting.of("idFields", SettingKind.STRING_LIST, "fields whose values form the document id (a step's "
                        + "\"id\" key is its step id, so the document id fields need their own key)"),
                Setting.of("partitionKey", SettingKind.STRING, "field holding the partition key value"));
    }

    @Override
    public BoundStep bind(SettingValues s, BindContext ctx) {
        SinkChecks.fields(ctx, s, "idFields");
        SinkChecks.fields(ctx, s, "partitionKey");
        return BoundStep.declaredOnly(new SinkConfig(name(), s), ctx.input());
    }
}
