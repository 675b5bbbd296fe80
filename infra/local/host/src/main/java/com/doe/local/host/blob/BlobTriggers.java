package com.doe.local.host.blob;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.doe.local.host.discovery.FunctionApp;
import com.doe.local.host.discovery.FunctionDefinition;
import com.doe.local.host.discovery.Trigger;
import com.doe.local.host.invoke.Conversions;
import com.doe.local.host.invoke.InvocationException;
import com.doe.local.host.invoke.Invoker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Blob triggers by polling (Azurite has no change feed or Event Grid): every poll interval each
 * function lists its container under the pattern's prefix, and each blob version (name + ETag) not
 * yet handled is claimed through a receipt ({@link BlobReceipts}), downloaded only if its ETag is
 * still the listed one, and passed to the function as {@code byte[]}, {@code String},
 * {@code InputStream} or a POJO with the path parameters as metadata ({@code {name}}, plus
 * {@code BlobTrigger}, {@code Uri}, {@code Metadata}). Blobs of one function run one at a time.
 *
 * <p>A listing costs time in proportion to the container's blobs (Azurite lists ~120 blobs in
 * ~20 ms), so the next poll waits the poll interval or {@link #WAIT_PER_BLOB} per listed blob,
 * whichever is longer, but never more than {@link #MAX_BACKOFF} (unless the interval is longer): a
 * container that keeps every landed file is listed less often instead of keeping the host and
 * Azurite busy, and a new file is still seen within a second.
 */
public final class BlobTriggers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BlobTriggers.class.getName());
    /** How much longer the next poll waits per blob the last listing returned (~5 times its cost). */
    static final Duration WAIT_PER_BLOB = Duration.ofMillis(1);
    /** The longest wait a large container causes: the host's former fixed interval. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private record Watch(FunctionDefinition function, Trigger.Blob trigger, BlobPathPattern pattern,
                         BlobContainerClient container) {
    }

    private final Invoker invoker;
    private final BlobReceipts receipts;
    private final List<Watch> watches;
    private final Duration interval;
    private final ScheduledExecutorService pollers;
    private final Set<String> handled = ConcurrentHashMap.newKeySet();

    public BlobTriggers(FunctionApp app, Invoker invoker, StorageAccounts accounts, String hostId, Duration interval) {
        this.invoker = invoker;
        this.interval = interval;
        this.watches = app.withTrigger(Trigger.Blob.class).stream().map(function -> {
            Trigger.Blob trigger = (Trigger.Blob) function.trigger();
            return new Watch(function, trigger, BlobPathPattern.parse(trigger.pattern()),
                    accounts.client(trigger.connection()).getBlobContainerClient(trigger.container()));
        }).toList();
        this.receipts = watches.isEmpty() ? null : new BlobReceipts(accounts.client("AzureWebJobsStorage"), hostId,
                hostId + "-" + UUID.randomUUID(), app.config().functionTimeout());
        AtomicInteger threads = new AtomicInteger();
        this.pollers = Executors.newScheduledThreadPool(Math.max(1, watches.size()), r -> {
            Thread thread = new Thread(r, "blob-poll-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        for (Watch watch : watches) {
            watch.container().createIfNotExists();
            pollers.execute(() -> pollAndReschedule(watch));
        }
    }

    private void pollAndReschedule(Watch watch) {
        int listed = poll(watch);
        if (!pollers.isShutdown()) {
            try {
                pollers.schedule(() -> pollAndReschedule(watch), nextPollDelay(interval, listed).toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closed meanwhile
            }
        }
    }

    /**
     * The wait before the next poll: the interval, or {@link #WAIT_PER_BLOB} per listed blob if
     * longer, at most {@link #MAX_BACKOFF} unless the interval itself is longer.
     */
    static Duration nextPollDelay(Duration interval, int listedBlobs) {
        Duration proportional = WAIT_PER_BLOB.multipliedBy(listedBlobs);
        if (proportional.compareTo(MAX_BACKOFF) > 0) {
            proportional = MAX_BACKOFF;
        }
        return proportional.compareTo(interval) > 0 ? proportional : interval;
    }

    public List<String> describe() {
        return watches.stream().map(w -> w.trigger().container() + "/" + w.pattern() + " -> " + w.function().name()).toList();
    }

    /**
     * One pass over a function's container: lists it, then runs the function for each new blob version.
     *
     * @return how many blobs the listing returned (0 when it failed)
     */
    int poll(Watch watch) {
        List<BlobItem> items = new ArrayList<>();
        try {
            ListBlobsOptions options = new ListBlobsOptions().setPrefix(watch.pattern().prefix())
                    .setDetails(new BlobListDetails().setRetrieveMetadata(true));
            for (BlobItem item : watch.container().listBlobs(options, null)) {
                items.add(item);
            }
            for (BlobItem item : items) {
                if (pollers.isShutdown()) {
                    break;
                }
                Optional<Map<String, String>> values = watch.pattern().match(item.getName());
                if (values.isPresent()) {
                    handle(watch, item, values.get());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "blob trigger of '" + watch.function().name() + "': polling "
                    + watch.trigger().container() + " failed; retrying next poll", e);
        }
        return items.size();
    }

    private void handle(Watch watch, BlobItem item, Map<String, String> pathValues) {
        String etag = item.getProperties().getETag();
        String container = watch.trigger().container();
        String function = watch.function().entryPoint();
        String key = function + "|" + item.getName() + "|" + etag;
        if (handled.contains(key)) {
            return;
        }
        BlobReceipts.Claim claim = receipts.claim(function, etag, container, item.getName());
        if (claim == BlobReceipts.Claim.DONE) {
            handled.add(key);
        }
        if (claim != BlobReceipts.Claim.CLAIMED) {
            return;
        }
        byte[] content;
        try {
            BlobDownloadContentResponse download = watch.container().getBlobClient(item.getName())
                    .downloadContentWithResponse(null, new BlobRequestConditions().setIfMatch(etag), null, null);
            content = download.getValue().toBytes();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 404) {
                // Changed or deleted since the listing: the next poll sees the new version, if any.
                receipts.completed(function, etag, container, item.getName());
                handled.add(key);
                return;
            }
            receipts.failed(function, etag, container, item.getName());
            throw e;
        }
        Map<String, Object> metadata = new HashMap<>(pathValues);
        metadata.put("BlobTrigger", container + "/" + item.getName());
        metadata.put("Uri", watch.container().getBlobClient(item.getName()).getBlobUrl());
        metadata.put("Metadata", item.getMetadata() == null ? Map.of() : item.getMetadata());
        try {
            invoker.invoke(watch.function(), Conversions.fromBytes(content, watch.function().triggerParameter().type()),
                    metadata);
            receipts.completed(function, etag, container, item.getName());
            handled.add(key);
        } catch (InvocationException failed) {
            int attempts = receipts.failed(function, etag, container, item.getName());
            if (attempts >= BlobReceipts.MAX_ATTEMPTS) {
                handled.add(key);
                LOG.severe("blob trigger of '" + watch.function().name() + "': " + container + "/" + item.getName()
                        + " failed " + attempts + " times; giving up on this version (the host would move it to the poison queue)");
            }
        }
    }

    /** Stops polling; a blob being processed finishes (up to 10 s). */
    @Override
    public void close() {
        pollers.shutdown();
        try {
            pollers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pollers.shutdownNow();
    }
}
