package com.doe.format;

import com.azure.storage.blob.BlobClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file to read: a name for locations in error messages and quarantine entries, a way to stream it,
 * and, for Parquet (which reads its footer first), a local path.
 */
public interface SourceFile {

    /** The name used in {@code source.blob} of quarantine entries. */
    String name();

    /** A fresh stream over the whole file; the caller closes it. */
    InputStream open() throws IOException;

    /**
     * A local copy for formats that need random access. The default copies the stream to a temporary
     * file, deleted when the JVM exits; paths and small in-memory files override it.
     */
    default Path localPath() throws IOException {
        Path tmp = Files.createTempFile("doe-source-", ".bin");
        tmp.toFile().deleteOnExit();
        try (InputStream in = open()) {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    static SourceFile of(Path path) {
        return new SourceFile() {
            @Override
            public String name() {
                return path.getFileName().toString();
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(path);
            }

            @Override
            public Path localPath() {
                return path;
            }
        };
    }

    static SourceFile of(String name, byte[] content) {
        return new SourceFile() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(content);
            }
        };
    }

    /** A blob, streamed with the SDK's block reads; named by its blob name. */
    static SourceFile of(BlobClient blob) {
        return new SourceFile() {
            @Override
            public String name() {
                return blob.getBlobName();
            }

            @Override
            public InputStream open() {
                try {
                    return blob.openInputStream();
                } catch (RuntimeException e) {
                    throw new UncheckedIOException(new IOException("Could not open blob '" + blob.getBlobName()
                            + "' in container '" + blob.getContainerName() + "'", e));
                }
            }
        };
    }
}
