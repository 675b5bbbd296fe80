package com.doe.settings;

/**
 * Names of the application settings DOE reads. Binding annotations refer to them as
 * {@code %Name%}; every one appears in {@code local.settings.sample.json}.
 */
public final class SettingNames {

    /** Blob Storage connection string for data (landing, work, quarantine, models). */
    public static final String STORAGE = "DoeStorage";
    /** Kafka bootstrap servers; in Azure the Event Hubs namespace host on port 9093. */
    public static final String KAFKA_BOOTSTRAP = "KafkaBootstrapServers";
    /** {@code PLAINTEXT} locally, {@code SASL_SSL} for Event Hubs. */
    public static final String KAFKA_SECURITY_PROTOCOL = "KafkaSecurityProtocol";
    /** {@code $ConnectionString} for Event Hubs. */
    public static final String KAFKA_SASL_USERNAME = "KafkaSaslUsername";
    /** The Event Hubs connection string for Event Hubs. */
    public static final String KAFKA_SASL_PASSWORD = "KafkaSaslPassword";
    /** Cosmos DB account endpoint, {@code https://...:443/}. */
    public static final String COSMOS_ENDPOINT = "CosmosEndpoint";
    /** Cosmos DB key; blank means managed identity (DefaultAzureCredential). */
    public static final String COSMOS_KEY = "CosmosKey";
    /** Database holding DOE's own containers (pipelines, runs, schemas). */
    public static final String COSMOS_DATABASE = "CosmosDatabase";
    /** {@code true} only for the local Cosmos-compatible server and its self-signed certificate. */
    public static final String COSMOS_TLS_INSECURE = "CosmosTlsInsecure";
    /** Bolt URI: {@code bolt://} locally, {@code neo4j+s://} for Aura. */
    public static final String NEO4J_URI = "Neo4jUri";
    public static final String NEO4J_USER = "Neo4jUser";
    public static final String NEO4J_PASSWORD = "Neo4jPassword";

    private SettingNames() {
    }
}
