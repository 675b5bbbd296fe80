package com.doe.sink.kafka;

import com.doe.pipeline.SettingValues;
import com.doe.step.sink.SinkConfig;
import java.util.List;

/**
 * The typed settings of a {@code kafka} step (declared in {@link com.doe.step.sink.KafkaStepType}).
 *
 * @param topic the topic (an event hub in Azure)
 * @param key   fields forming the record key; empty means no key
 */
public record KafkaSinkConfig(String topic, List<String> key) {

    public KafkaSinkConfig {
        key = List.copyOf(key);
    }

    public static KafkaSinkConfig from(SinkConfig config) {
        SettingValues s = config.settings();
        return new KafkaSinkConfig(s.string("topic"), s.strings("key"));
    }
}
