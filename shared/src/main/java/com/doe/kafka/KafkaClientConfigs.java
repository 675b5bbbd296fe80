package com.doe.kafka;

import com.doe.DoeException;
import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka client configuration from application settings, valid for both the Azure Event Hubs
 * Kafka endpoint and the local broker:
 * <ul>
 *   <li>{@code KafkaSecurityProtocol} {@code SASL_SSL} (Event Hubs): SASL PLAIN with user
 *       {@code KafkaSaslUsername} (default {@code $ConnectionString}) and the connection string in
 *       {@code KafkaSaslPassword}. {@code PLAINTEXT} (the default): the local broker, no auth.</li>
 *   <li>Compression {@code gzip} (default) or {@code none}: Event Hubs refuses lz4, snappy and zstd.</li>
 *   <li>{@code max.request.size} 1,000,000 bytes, the Event Hubs limit.</li>
 *   <li>Idempotent producer with {@code acks=all}; no transactions (Event Hubs has none).</li>
 *   <li>{@code connections.max.idle.ms} and {@code metadata.max.age.ms} 180,000: Event Hubs drops
 *       idle connections after 240 s.</li>
 *   <li>Byte-array keys and values: events are Avro single-object encoded by {@code EventCodec}.</li>
 * </ul>
 * Immutable and thread-safe. Each method returns a fresh map the caller may extend.
 */
public final class KafkaClientConfigs {

    /** The largest request Event Hubs accepts, in bytes. */
    public static final int MAX_REQUEST_SIZE = 1_000_000;
    /** Below Event Hubs' 240 s idle cut-off, in milliseconds. */
    public static final int IDLE_MILLIS = 180_000;
    /** The only codecs Event Hubs accepts. */
    public static final List<String> COMPRESSIONS = List.of("gzip", "none");

    private final String bootstrapServers;
    private final boolean local;
    private final Map<String, Object> security;
    private final String compression;

    private KafkaClientConfigs(String bootstrapServers, boolean local, Map<String, Object> security,
            String compression) {
        this.bootstrapServers = bootstrapServers;
        this.local = local;
        this.security = Map.copyOf(security);
        this.compression = compression;
    }

    /**
     * Reads {@code KafkaBootstrapServers}, {@code KafkaSecurityProtocol}, {@code KafkaSaslUsername}
     * and {@code KafkaSaslPassword}.
     *
     * @throws com.doe.settings.MissingSettingException when a required setting is absent
     * @throws DoeException when the security protocol is neither PLAINTEXT nor SASL_SSL
     */
    public static KafkaClientConfigs fromSettings(AppSettings settings) {
        String bootstrap = settings.require(SettingNames.KAFKA_BOOTSTRAP);
        String protocol = settings.get(SettingNames.KAFKA_SECURITY_PROTOCOL, "PLAINTEXT").toUpperCase(Locale.ROOT);
        Map<String, Object> security = new HashMap<>();
        security.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        switch (protocol) {
            case "PLAINTEXT" -> {
                return new KafkaClientConfigs(bootstrap, true, security, "gzip");
            }
            case "SASL_SSL" -> {
                String user = settings.get(SettingNames.KAFKA_SASL_USERNAME, "$ConnectionString");
                String password = settings.require(SettingNames.KAFKA_SASL_PASSWORD);
                security.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
                security.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"" + jaasEscape(user) + "\" password=\"" + jaasEscape(password) + "\";");
                return new KafkaClientConfigs(bootstrap, false, security, "gzip");
            }
            default -> throw new DoeException("Application setting '" + SettingNames.KAFKA_SECURITY_PROTOCOL + "' is '"
                    + protocol + "': use PLAINTEXT for the local broker or SASL_SSL for Azure Event Hubs.");
        }
    }

    /**
     * The same configuration with another compression codec.
     *
     * @throws DoeException unless {@code gzip} or {@code none}
     */
    public KafkaClientConfigs withCompression(String codec) {
        String normalized = codec == null ? "" : codec.trim().toLowerCase(Locale.ROOT);
        if (!COMPRESSIONS.contains(normalized)) {
            throw new DoeException("Kafka compression '" + codec + "' is not accepted by Azure Event Hubs; use gzip or none.");
        }
        return new KafkaClientConfigs(bootstrapServers, local, security, normalized);
    }

    /** Whether this is the local broker (PLAINTEXT), where DOE may create its own topics. */
    public boolean isLocal() {
        return local;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** An idempotent, non-transactional producer of byte-array records. */
    public Map<String, Object> producer(String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return config;
    }

    /**
     * A consumer of byte-array records in {@code groupId} that commits offsets itself (after
     * handling or dead-lettering each record) and starts from the earliest offset.
     */
    public Map<String, Object> consumer(String groupId, String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000);
        return config;
    }

    /** An admin client (topic creation is for the local broker only, see {@link LocalTopics}). */
    public Map<String, Object> admin(String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000);
        return config;
    }

    /**
     * Checks a producer configuration, e.g. one extended by a caller, against the Event Hubs
     * Kafka endpoint's limits.
     *
     * @throws DoeException listing every violation and its fix
     */
    public static void requireEventHubsCompatible(Map<String, ?> producerConfig) {
        List<String> problems = new ArrayList<>();
        Object codec = producerConfig.get(ProducerConfig.COMPRESSION_TYPE_CONFIG);
        if (codec != null && !COMPRESSIONS.contains(codec.toString().toLowerCase(Locale.ROOT))) {
            problems.add("compression.type=" + codec + " is refused by Event Hubs; use gzip or none");
        }
        Object size = producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (size == null || Long.parseLong(size.toString()) > MAX_REQUEST_SIZE) {
            problems.add("max.request.size=" + size + " exceeds the Event Hubs limit; set at most " + MAX_REQUEST_SIZE);
        }
        if (producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG) != null) {
            problems.add("transactional.id is set but Event Hubs has no Kafka transactions; remove it");
        }
        for (String idle : List.of(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG,
                CommonClientConfigs.METADATA_MAX_AGE_CONFIG)) {
            Object value = producerConfig.get(idle);
            if (value == null || Long.parseLong(value.toString()) > IDLE_MILLIS) {
                problems.add(idle + "=" + value + " outlives the Event Hubs idle timeout (240 s); set " + IDLE_MILLIS);
            }
        }
        if (!problems.isEmpty()) {
            throw new DoeException("Kafka producer configuration is not valid for Azure Event Hubs: "
                    + String.join("; ", problems) + ".");
        }
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        config.put(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG, IDLE_MILLIS);
        config.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, IDLE_MILLIS);
        return config;
    }

    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "KafkaClientConfigs[" + bootstrapServers + ", " + security.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                + ", compression " + compression + "]";
    }
}
