package com.doe.local.host.blob;

import com.azure.core.util.BinaryData;
import com.doe.local.host.discovery.Output;
import com.doe.local.host.invoke.Conversions;

import java.util.Map;

/** Writes {@code @BlobOutput} values: the path's expressions filled from the trigger metadata, overwriting. */
public final class BlobOutputs {

    private final StorageAccounts accounts;

    public BlobOutputs(StorageAccounts accounts) {
        this.accounts = accounts;
    }

    public void write(Output.Blob output, Object value, Map<String, Object> metadata) {
        String path = BlobPathPattern.expand(output.path(), metadata);
        int slash = path.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("blob output path '" + path + "' must be container/blob");
        }
        var container = accounts.client(output.connection()).getBlobContainerClient(path.substring(0, slash));
        container.createIfNotExists();
        container.getBlobClient(path.substring(slash + 1)).upload(BinaryData.fromBytes(Conversions.toBytes(value)), true);
    }
}
