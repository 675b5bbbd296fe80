package com.doe.local.host.kafka;

import com.doe.local.host.discovery.KafkaSecurity;

import java.util.HashMap;
import java.util.Map;

/** Kafka client properties from a binding's broker list and security settings, as the extension maps them. */
final class KafkaConfig {

    private KafkaConfig() {
    }

    static Map<String, Object> common(String brokerList, KafkaSecurity security) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", brokerList);
        String protocol = switch (security.protocol()) {
            case "PLAINTEXT" -> "PLAINTEXT";
            case "SSL" -> "SSL";
            case "SASLPLAINTEXT" -> "SASL_PLAINTEXT";
            case "SASLSSL" -> "SASL_SSL";
            default -> null;
        };
        if (protocol != null) {
            config.put("security.protocol", protocol);
        }
        if (!security.authenticationMode().equals("NOTSET")) {
            String mechanism = switch (security.authenticationMode()) {
                case "PLAIN" -> "PLAIN";
                case "SCRAMSHA256" -> "SCRAM-SHA-256";
                case "SCRAMSHA512" -> "SCRAM-SHA-512";
                default -> throw new IllegalArgumentException("Kafka authentication mode " + security.authenticationMode()
                        + " is not supported locally");
            };
            config.put("sasl.mechanism", mechanism);
            String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            config.put("sasl.jaas.config", module + " required username=\"" + escape(security.username())
                    + "\" password=\"" + escape(security.password()) + "\";");
        }
        return config;
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
