package com.doe.testing;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;
import java.util.UUID;

/** Blob clients for integration tests, from the DoeStorage setting (Azurite locally). */
public final class Azurite {

    private static BlobServiceClient service;

    private Azurite() {
    }

    public static synchronized BlobServiceClient service() {
        if (service == null) {
            service = new BlobServiceClientBuilder()
                    .connectionString(AppSettings.fromEnvironment().require(SettingNames.STORAGE)).buildClient();
        }
        return service;
    }

    /** A fresh, empty container for one test. */
    public static BlobContainerClient freshContainer(String prefix) {
        BlobContainerClient c = service().getBlobContainerClient(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        c.create();
        return c;
    }
}
