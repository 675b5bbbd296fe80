package com.doe.local.host.discovery;

import java.util.Set;

/** What starts a function: one per function, with its annotation's values (settings resolved). */
public sealed interface Trigger {

    /** The binding name of the trigger parameter (the annotation's {@code name}). */
    String bindingName();

    /** A short label for invocation logs. */
    String kind();

    /**
     * @param route   the route template without the prefix, e.g. {@code pipelines/{id}}
     * @param methods upper-case HTTP methods; empty means any
     */
    record Http(String bindingName, String route, Set<String> methods) implements Trigger {
        public String kind() {
            return "http";
        }
    }

    /**
     * @param container  the container part of the path
     * @param pattern    the blob name pattern after the container, e.g. {@code {pipelineId}/{name}}
     * @param connection the name of the setting holding the storage connection string
     */
    record Blob(String bindingName, String container, String pattern, String connection, String dataType)
            implements Trigger {
        public String kind() {
            return "blob";
        }
    }

    /** @param many whether the function receives a batch ({@code Cardinality.MANY}) */
    record Kafka(String bindingName, String topic, String brokerList, String consumerGroup, boolean many,
                 String dataType, KafkaSecurity security) implements Trigger {
        public String kind() {
            return "kafka";
        }
    }

    record Orchestration(String bindingName) implements Trigger {
        public String kind() {
            return "orchestration";
        }
    }

    record Activity(String bindingName) implements Trigger {
        public String kind() {
            return "activity";
        }
    }
}
