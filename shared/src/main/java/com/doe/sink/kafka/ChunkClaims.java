package com.doe.sink.kafka;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.doe.DoeException;
import com.doe.RetryableException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-chunk claim markers for the Kafka sink: an empty blob per (run, step, chunk) whose lease says which
 * delivery is producing the chunk now, and whose metadata records the progress:
 * <ul>
 *   <li>{@code state}: absent (never produced), {@code producing} or {@code done};</li>
 *   <li>{@code offsets}: each partition's end offset before the first record of the chunk was sent
 *       ({@code 0:12,1:40}), so a later delivery can read back what an interrupted one produced;</li>
 *   <li>{@code heartbeat}: when the producing delivery last renewed its lease (epoch millis);</li>
 *   <li>{@code settled}: {@code true} when the producing delivery saw every send complete (successfully or
 *       not) before giving up, so nothing of it is still in flight.</li>
 * </ul>
 * Thread-safe.
 */
final class ChunkClaims {

    enum State { NEW, PRODUCING, DONE }

    static final int LEASE_SECONDS = 60;

    private final BlobContainerClient container;
    private final Clock clock;
    private volatile boolean containerReady;

    ChunkClaims(BlobContainerClient container, Clock clock) {
        this.container = container;
        this.clock = clock;
    }

    /**
     * Takes the chunk's lease.
     *
     * @throws RetryableException when another delivery holds it (it is producing the chunk now)
     */
    Claim claim(String name) {
        try {
            if (!containerReady) {
                container.createIfNotExists();
                containerReady = true;
            }
            BlobClient blob = container.getBlobClient(name);
            try {
                blob.getBlockBlobClient().uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0]))
                        .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
            } catch (BlobStorageException exists) {
                if (exists.getStatusCode() != 409 && exists.getStatusCode() != 412) {
                    throw exists;
                }
            }
            BlobLeaseClient lease = new BlobLeaseClientBuilder().blobClient(blob).buildClient();
            try {
                lease.acquireLease(LEASE_SECONDS);
            } catch (BlobStorageException held) {
                if (held.getStatusCode() == 409) {
                    throw new RetryableException("Another delivery is producing " + name + " to Kafka right now; "
                            + "this delivery will be retried and find the chunk done or resumable.", held);
                }
                throw held;
            }
            return new Claim(blob, lease, new HashMap<>(blob.getProperties().getMetadata()));
        } catch (BlobStorageException e) {
            throw failure("claim", name, e);
        }
    }

    private DoeException failure(String what, String name, BlobStorageException e) {
        String msg = "Could not " + what + " the Kafka sink marker " + name + " in container '"
                + container.getBlobContainerName() + "': " + e.getErrorCode();
        int s = e.getStatusCode();
        return s >= 500 || s == 408 || s == 429 || s == 409 || s == 412 ? new RetryableException(msg, e) : new DoeException(msg, e);
    }

    /** A held lease on one chunk's marker. Not thread-safe; closed by the delivery that took it. */
    final class Claim implements AutoCloseable {
        private final BlobClient blob;
        private final BlobLeaseClient lease;
        private final Map<String, String> metadata;

        private Claim(BlobClient blob, BlobLeaseClient lease, Map<String, String> metadata) {
            this.blob = blob;
            this.lease = lease;
            this.metadata = metadata;
        }

        State state() {
            String s = metadata.get("state");
            return s == null ? State.NEW : "done".equals(s) ? State.DONE : State.PRODUCING;
        }

        /** Start offsets recorded by the first delivery that produced. */
        Map<Integer, Long> offsets() {
            Map<Integer, Long> out = new TreeMap<>();
            String text = metadata.getOrDefault("offsets", "");
            for (String part : text.split(",")) {
                if (!part.isEmpty()) {
                    int colon = part.indexOf(':');
                    out.put(Integer.parseInt(part.substring(0, colon)), Long.parseLong(part.substring(colon + 1)));
                }
            }
            return out;
        }

        /** Millis since the producing delivery last showed life; {@code Long.MAX_VALUE} when it settled (nothing in flight). */
        long millisSinceLife() {
            if ("true".equals(metadata.get("settled"))) {
                return Long.MAX_VALUE;
            }
            return clock.millis() - Long.parseLong(metadata.getOrDefault("heartbeat", "0"));
        }

        void producing(Map<Integer, Long> offsets) {
            StringBuilder b = new StringBuilder();
            offsets.forEach((p, o) -> b.append(b.length() == 0 ? "" : ",").append(p).append(':').append(o));
            metadata.put("state", "producing");
            metadata.put("offsets", b.toString());
            heartbeat();
        }

        /** Renews the lease and records a heartbeat. */
        void heartbeat() {
            metadata.put("heartbeat", Long.toString(clock.millis()));
            metadata.put("settled", "false");
            lease.renewLease();
            save();
        }

        /** Every send of this delivery completed; a later delivery need not wait for stragglers. */
        void settled() {
            metadata.put("settled", "true");
            save();
        }

        void done() {
            metadata.put("state", "done");
            metadata.put("settled", "true");
            save();
        }

        private void save() {
            try {
                blob.setMetadataWithResponse(metadata, new BlobRequestConditions().setLeaseId(lease.getLeaseId()), null,
                        Context.NONE);
            } catch (BlobStorageException e) {
                throw failure("update", blob.getBlobName(), e);
            }
        }

        @Override
        public void close() {
            try {
                lease.releaseLease();
            } catch (BlobStorageException e) {
                // The lease expires by itself within LEASE_SECONDS.
            }
        }
    }
}
