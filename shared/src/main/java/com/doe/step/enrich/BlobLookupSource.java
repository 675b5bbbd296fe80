package com.doe.step.enrich;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.doe.DoeException;
import com.doe.RetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference datasets in Blob Storage, named {@code container/path/file.csv}. Each dataset is cached
 * per worker; at most every {@code recheck} its ETag is read again and the dataset reloaded when the
 * ETag changed. Thread-safe.
 */
public final class BlobLookupSource implements LookupSource {

    private final BlobServiceClient service;
    private final Duration recheck;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public BlobLookupSource(BlobServiceClient service) {
        this(service, Duration.ofSeconds(30), Clock.systemUTC());
    }

    public BlobLookupSource(BlobServiceClient service, Duration recheck, Clock clock) {
        this.service = service;
        this.recheck = recheck;
        this.clock = clock;
    }

    @Override
    public ReferenceTable table(String dataset) {
        Instant now = clock.instant();
        Cached c = cache.get(dataset);
        if (c != null && now.isBefore(c.checkedAt.plus(recheck))) {
            return c.table;
        }
        synchronized (this) {
            c = cache.get(dataset);
            if (c != null && now.isBefore(c.checkedAt.plus(recheck))) {
                return c.table;
            }
            BlobClient blob = blob(dataset);
            try {
                String etag = blob.getProperties().getETag();
                if (c != null && c.table.version().equals(etag)) {
                    cache.put(dataset, new Cached(c.table, now));
                    return c.table;
                }
                try (InputStream in = blob.openInputStream()) {
                    ReferenceTable t = new ReferenceTable(dataset, etag, ReferenceParser.parse(dataset, in));
                    cache.put(dataset, new Cached(t, now));
                    return t;
                }
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 404) {
                    throw new DoeException("Reference dataset '" + dataset + "' does not exist in Blob Storage. "
                            + "Upload it, or fix enrich.lookup.dataset (container/path).", e);
                }
                throw new RetryableException("Could not read reference dataset '" + dataset + "': " + e.getErrorCode(), e);
            } catch (IOException e) {
                throw new RetryableException("Could not read reference dataset '" + dataset + "': " + e.getMessage(), e);
            }
        }
    }

    private BlobClient blob(String dataset) {
        int slash = dataset.indexOf('/');
        if (slash <= 0 || slash == dataset.length() - 1) {
            throw new DoeException("Reference dataset '" + dataset + "' must be named container/path, e.g. reference/states.csv.");
        }
        return service.getBlobContainerClient(dataset.substring(0, slash)).getBlobClient(dataset.substring(slash + 1));
    }

    private record Cached(ReferenceTable table, Instant checkedAt) {
    }
}
