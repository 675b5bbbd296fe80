package com.doe.worker;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.doe.clients.BlobClients;
import com.doe.settings.AppSettings;

import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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
        String name = blobName(file, pipelineId);
        landing.createIfNotExists();
        landing.getBlobClient(name).uploadFromFile(file.toString(), true);
        return name;
    }

    /**
     * Uploads the file only when no blob of that name exists yet (any content): a re-upload would
     * have a new ETag, hence start a new run.
     *
     * @return the blob name written, or empty when it already existed
     */
    public static Optional<String> dropIfAbsent(BlobContainerClient landing, Path file, String pipelineId) {
        String name = blobName(file, pipelineId);
        landing.createIfNotExists();
        try {
            landing.getBlobClient(name).uploadFromFile(file.toString(), false);
            return Optional.of(name);
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.BLOB_ALREADY_EXISTS) {
                return Optional.empty();
            }
            throw e;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileAlreadyExistsException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String blobName(Path file, String pipelineId) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        return pipelineId + "/" + file.getFileName();
    }

    public static void main(String[] args) {
        boolean ifAbsent = args.length == 3 && args[2].equals("--if-absent");
        if (args.length != 2 && !ifAbsent) {
            System.err.println("usage: DropFile FILE PIPELINE_ID [--if-absent]");
            System.exit(2);
        }
        try {
            BlobContainerClient landing = BlobClients.create(AppSettings.fromEnvironment()).getBlobContainerClient(LANDING);
            Path file = Path.of(args[0]);
            Optional<String> name = ifAbsent ? dropIfAbsent(landing, file, args[1]) : Optional.of(drop(landing, file, args[1]));
            System.out.println(name.map(n -> "Uploaded " + args[0] + " to " + LANDING + "/" + n)
                    .orElse(LANDING + "/" + blobName(file, args[1]) + " is already there (not uploaded again)")
                    + "; watch the run with GET /api/runs?pipelineId=" + args[1]);
        } catch (IllegalArgumentException e) {
            System.err.println("doe drop: " + e.getMessage());
            System.exit(1);
        }
    }
}
