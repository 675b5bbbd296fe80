package com.doe.local.host.discovery;

/** Where an {@code OutputBinding<T>} parameter's value goes once the function returns. */
public sealed interface Output {

    /** @param path container/blob with {@code {metadata}} expressions, e.g. {@code out/{name}} */
    record Blob(String path, String connection, String dataType) implements Output {
    }

    record Kafka(String topic, String brokerList, KafkaSecurity security) implements Output {
    }
}
