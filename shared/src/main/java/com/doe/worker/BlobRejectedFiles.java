package com.doe.worker;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.doe.DoeException;
import com.doe.RetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Moves refused files to the {@code landing-rejected} container at {@code {container}/{name}},
 * with metadata {@code doereason} (why, in ASCII, at most 2,000 characters), {@code doerunid} and
 * {@code doesource} (the original location). The copy is streamed through the worker, so it works
 * with any credential; refused files are rare. Then the original is deleted, if it is still the
 * version that was refused (If-Match on its ETag). Thread-safe.
 */
public final class BlobRejectedFiles implements RejectedFiles {

    private static final int MAX_REASON = 2_000;

    private final BlobContainerClient container;

    /** @param container the {@code landing-rejected} container; created on the first copy if missing */
    public BlobRejectedFiles(BlobContainerClient container) {
        this.container = container;
    }

    @Override
    public String setAside(LandedBlob blob, String runId, String reason) {
        String name = blob.container() + "/" + blob.name();
        Map<String, String> metadata = Map.of("doereason", ascii(reason), "doerunid", runId,
                "doesource", ascii(blob.describe()));
        try (InputStream in = blob.file().open()) {
            container.createIfNotExists();
            container.getBlobClient(name).uploadWithResponse(new BlobParallelUploadOptions(in).setMetadata(metadata),
                    null, null);
        } catch (BlobStorageException e) {
            throw failure("Could not copy refused file " + blob.describe() + " to " + container.getBlobContainerName()
                    + "/" + name, e);
        } catch (IOException | UncheckedIOException e) {
            throw new RetryableException("Could not read refused file " + blob.describe() + " to set it aside: "
                    + e.getMessage(), e);
        }
        removeOriginal(blob);
        return container.getBlobContainerName() + "/" + name;
    }

    /**
     * Deletes the landed blob once its copy is safe, only while it is still the version that was
     * refused: a newer upload under the same name is a new run and stays.
     */
    private void removeOriginal(LandedBlob blob) {
        try {
            container.getServiceClient().getBlobContainerClient(blob.container()).getBlobClient(blob.name())
                    .deleteWithResponse(DeleteSnapshotsOptionType.INCLUDE, new BlobRequestConditions().setIfMatch(blob.etag()),
                            null, null);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404 && e.getStatusCode() != 412) {
                throw failure("Copied refused file " + blob.describe() + " aside but could not delete it", e);
            }
        }
    }

    private static DoeException failure(String what, BlobStorageException e) {
        String msg = what + ": " + e.getErrorCode();
        int status = e.getStatusCode();
        return status >= 500 || status == 408 || status == 429 ? new RetryableException(msg, e)
                : new DoeException(msg + ". Check that the DoeStorage account allows writes to the landing and "
                + CONTAINER + " containers.", e);
    }

    /** Metadata values are ASCII header values: other characters become '?', line breaks spaces. */
    private static String ascii(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_REASON));
        for (int i = 0; i < text.length() && sb.length() < MAX_REASON; i++) {
            char c = text.charAt(i);
            sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c < 0x20 || c > 0x7e ? '?' : c);
        }
        return sb.toString().strip();
    }
}
