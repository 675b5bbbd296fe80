package com.doe.step.sink;

import com.doe.pipeline.Setting;
import com.doe.pipeline.SettingKind;
import com.doe.pipeline.SettingValues;
import com.doe.step.BindContext;
import com.doe.step.BoundStep;
import com.doe.step.StageKind;
import com.doe.step.StepType;
import java.util.List;
import java.util.regex.Pattern;

/** {@code kafka}: declared and checked here; executed by the Kafka sink module. */
public final class KafkaStepType implements StepType {

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public StageKind stage() {
        return StageKind.LOAD;
    }

    @Override
    public String doc() {
        return "Publishes rows to a Kafka topic (Event Hubs), Avro-encoded with the dataset schema from the schema registry.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("topic", SettingKind.STRING, "target topic (an event hub in Azure)").mandatory(),
                Setting.of("key", SettingKind.STRING_LIST, "fields whose values form the record key"));
    }

    @Override
    public BoundStep bind(SettingValues s, BindContext ctx) {
        String topic = s.string("topic");
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            ctx.problem(s.pointer("topic"), ctx.describe() + ": '" + topic + "' is not a valid topic name.",
                    "Use letters, digits, '.', '_' and '-' only (at most 249 characters).");
        }
        SinkChecks.fields(ctx, s, "key");
        return BoundStep.declaredOnly(new SinkConfig(name(), s), ctx.input());
    }
}
