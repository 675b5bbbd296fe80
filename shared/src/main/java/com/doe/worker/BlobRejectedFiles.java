package com.doe.worker;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.doe.DoeException;
import com.doe.RetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Copies refused files to the {@code landing-rejected} container at {@code {container}/{name}},
 * with metadata {@code doereason} (why, in ASCII, at most 2,000 characters), {@code doerunid} and
 * {@code doesource} (the original location). The copy is streamed through the worker, so it works
 * with any credential; refused files are rare. The original is left where it landed. Thread-safe.
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
            String msg = "Could not copy refused file " + blob.describe() + " to " + container.getBlobContainerName()
                    + "/" + name + ": " + e.getErrorCode();
            int status = e.getStatusCode();
            throw status >= 500 || status == 408 || status == 429 ? new RetryableException(msg, e)
                    : new DoeException(msg + ". Check that the DoeStorage account allows writes to this container.", e);
        } catch (IOException | UncheckedIOException e) {
            throw new RetryableException("Could not read refused file " + blob.describe() + " to set it aside: "
                    + e.getMessage(), e);
        }
        return container.getBlobContainerName() + "/" + name;
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
