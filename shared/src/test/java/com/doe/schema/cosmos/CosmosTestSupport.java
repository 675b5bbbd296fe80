package com.doe.schema.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosException;
import com.doe.clients.CosmosClients;
import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Cosmos DB access for integration tests, from the environment's application settings. Each
 * test class gets its own fresh database, named after {@code CosmosDatabase}, and drops it.
 */
public final class CosmosTestSupport implements AutoCloseable {

    private final CosmosClient client;
    private final AppSettings settings;
    private final String database;

    public CosmosTestSupport() {
        AppSettings environment = AppSettings.fromEnvironment();
        client = CosmosClients.builder(environment).buildClient();
        database = environment.require(SettingNames.COSMOS_DATABASE) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> values = new HashMap<>();
        for (String name : new String[] {SettingNames.COSMOS_ENDPOINT, SettingNames.COSMOS_KEY,
                SettingNames.COSMOS_TLS_INSECURE, SettingNames.KAFKA_BOOTSTRAP, SettingNames.KAFKA_SECURITY_PROTOCOL,
                SettingNames.KAFKA_SASL_USERNAME, SettingNames.KAFKA_SASL_PASSWORD}) {
            environment.find(name).ifPresent(value -> values.put(name, value));
        }
        values.put(SettingNames.COSMOS_DATABASE, database);
        settings = AppSettings.of(values);
    }

    public CosmosClient client() {
        return client;
    }

    /** The environment's settings, with {@code CosmosDatabase} naming this test's database. */
    public AppSettings settings() {
        return settings;
    }

    /** A store on this test's database (created on the local server). */
    public CosmosRegistryStore store() {
        return CosmosRegistryStore.fromSettings(client, settings);
    }

    @Override
    public void close() {
        try {
            client.getDatabase(database).delete();
        } catch (CosmosException alreadyGone) {
            // Nothing to clean up.
        } finally {
            client.close();
        }
    }
}
