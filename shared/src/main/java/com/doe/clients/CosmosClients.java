package com.doe.clients;

import com.azure.cosmos.ConsistencyLevel;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;

/** Builds Cosmos DB clients from the {@code CosmosEndpoint} / {@code CosmosKey} settings. */
public final class CosmosClients {

    /** The Java SDK's switch for the local emulator's self-signed certificate. */
    static final String INSECURE_TLS_PROPERTY = "COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED";

    private CosmosClients() {
    }

    /**
     * A builder in gateway mode (one HTTPS endpoint, which is what the local Cosmos-compatible server
     * speaks and what firewalled networks allow), session consistency, with the key when
     * {@code CosmosKey} is set and managed identity otherwise. {@code CosmosTlsInsecure=true} turns off
     * certificate validation for the local server only; it is never set in Azure.
     */
    public static CosmosClientBuilder builder(AppSettings settings) {
        if (settings.flag(SettingNames.COSMOS_TLS_INSECURE)) {
            System.setProperty(INSECURE_TLS_PROPERTY, "true");
        }
        CosmosClientBuilder builder = new CosmosClientBuilder()
                .endpoint(settings.require(SettingNames.COSMOS_ENDPOINT))
                .gatewayMode()
                .consistencyLevel(ConsistencyLevel.SESSION)
                .contentResponseOnWriteEnabled(false);
        settings.find(SettingNames.COSMOS_KEY).ifPresentOrElse(
                builder::key,
                () -> builder.credential(new DefaultAzureCredentialBuilder().build()));
        return builder;
    }
}
