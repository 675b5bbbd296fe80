package com.doe.local.host.blob;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.doe.local.host.discovery.DiscoveryException;
import com.doe.local.host.discovery.Settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link BlobServiceClient} per connection setting ({@code AzureWebJobsStorage}, {@code DoeStorage}...),
 * built on first use and shared. Locally the settings are connection strings (Azurite). Thread-safe.
 */
public final class StorageAccounts {

    private final Settings settings;
    private final Map<String, BlobServiceClient> clients = new ConcurrentHashMap<>();

    public StorageAccounts(Settings settings) {
        this.settings = settings;
    }

    public BlobServiceClient client(String connectionSetting) {
        return clients.computeIfAbsent(connectionSetting, this::build);
    }

    private BlobServiceClient build(String connectionSetting) {
        String value = settings.require(connectionSetting, "the storage connection '" + connectionSetting + "'");
        if (!value.contains("AccountName=") && !value.contains("UseDevelopmentStorage")) {
            throw new DiscoveryException("the setting '" + connectionSetting + "' must be a storage connection string "
                    + "for the local host (an endpoint with managed identity works only in Azure)");
        }
        return new BlobServiceClientBuilder().connectionString(value).buildClient();
    }
}
