package com.doe.worker;

import com.azure.storage.blob.BlobContainerClient;
import com.doe.clients.BlobClients;
import com.doe.settings.AppSettings;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Uploads a local file to {@code landing/{pipelineId}/{file name}}, which starts a run of the
 * pipeline: what {@code infra/local/doe drop FILE --pipeline ID} runs. Reads {@code DoeStorage}
 * from the environment, so it works against the local stack and a storage account alike.
 */
public final class DropFile {

    /** The container whose {@code {pipelineId}/{name}} blobs start runs. */
    public static final String LANDING = "landing";

    private DropFile() {
    }

    /** @return the blob name written */
    public static String drop(BlobContainerClient landing, Path file, String pipelineId) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        landing.createIfNotExists();
        String name = pipelineId + "/" + file.getFileName();
        landing.getBlobClient(name).uploadFromFile(file.toString(), true);
        return name;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: DropFile FILE PIPELINE_ID");
            System.exit(2);
        }
        try {
            BlobContainerClient landing = BlobClients.create(AppSettings.fromEnvironment()).getBlobContainerClient(LANDING);
            String name = drop(landing, Path.of(args[0]), args[1]);
            System.out.println("Uploaded " + args[0] + " to " + LANDING + "/" + name
                    + "; watch the run with GET /api/runs?pipelineId=" + args[1]);
        } catch (IllegalArgumentException e) {
            System.err.println("doe drop: " + e.getMessage());
            System.exit(1);
        }
    }
}
