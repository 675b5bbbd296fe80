package com.doe.clients;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;

/** Builds the Blob Storage client from the {@code DoeStorage} setting. */
public final class BlobClients {

    private BlobClients() {
    }

    /**
     * A connection string with a key or SAS (Azurite, or a storage account with keys) is used as is;
     * a plain {@code https://account.blob.core.windows.net} endpoint uses managed identity
     * (DefaultAzureCredential).
     */
    public static BlobServiceClient create(AppSettings settings) {
        String value = settings.require(SettingNames.STORAGE);
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (value.startsWith("https://") || value.startsWith("http://")) {
            builder.endpoint(value).credential(new DefaultAzureCredentialBuilder().build());
        } else {
            builder.connectionString(value);
        }
        return builder.buildClient();
    }
}
