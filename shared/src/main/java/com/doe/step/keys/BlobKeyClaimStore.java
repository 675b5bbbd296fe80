package com.doe.step.keys;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.AppendBlobClient;
import com.doe.RetryableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Run-wide key claims in Blob Storage, correct when chunks are processed by different workers.
 *
 * <p>Keys are spread over {@code shards} append blobs per scope at
 * {@code {runId}/keys/{scope}/{shard}.log} in the {@code work} container. A claim appends one block of
 * lines {@code <key hex> <owner>} to each touched shard, then reads the shard's new bytes: the first
 * line of a key in the log names its owner. Appends are atomic and ordered by the service, so every
 * worker reads the same log and reaches the same verdict; redelivered chunks append lines that change
 * nothing. Each worker caches the part of each log it has read (offset and owners), so a claim costs
 * one append and one ranged read per shard of new bytes only.
 *
 * <p>Memory per worker grows with the keys of the run (about 100 bytes per key). Thread-safe.
 */
public final class BlobKeyClaimStore implements KeyClaimStore {

    /** An append block holds at most 4 MiB; lines are 34 bytes plus the owner. */
    private static final int MAX_BLOCK = 4 * 1024 * 1024 - 1024;

    private final BlobContainerClient container;
    private final int shards;
    private final Map<String, ShardLog> logs = new ConcurrentHashMap<>();

    /**
     * @param container the {@code work} container
     * @param shards    number of append blobs per scope (16 is plenty up to millions of keys)
     */
    public BlobKeyClaimStore(BlobContainerClient container, int shards) {
        this.container = container;
        this.shards = shards;
    }

    @Override
    public Set<ClaimKey> claim(String runId, String scope, String owner, Collection<ClaimKey> keys) {
        Map<Integer, List<ClaimKey>> byShard = new HashMap<>();
        for (ClaimKey k : keys) {
            byShard.computeIfAbsent((int) Long.remainderUnsigned(k.low(), shards), s -> new ArrayList<>()).add(k);
        }
        Set<ClaimKey> taken = new HashSet<>();
        for (Map.Entry<Integer, List<ClaimKey>> e : byShard.entrySet()) {
            String path = runId + "/keys/" + scope.replace('/', '_') + "/" + String.format("%03d", e.getKey()) + ".log";
            ShardLog log = logs.computeIfAbsent(path, p -> new ShardLog());
            synchronized (log) {
                claimInShard(path, log, owner, e.getValue(), taken);
            }
        }
        return taken;
    }

    private void claimInShard(String path, ShardLog log, String owner, List<ClaimKey> keys, Set<ClaimKey> taken) {
        AppendBlobClient blob = container.getBlobClient(path).getAppendBlobClient();
        try {
            List<ClaimKey> unknown = keys.stream().filter(k -> !log.owners.containsKey(k)).toList();
            if (!unknown.isEmpty()) {
                if (!log.created) {
                    container.createIfNotExists();
                    blob.createIfNotExists();
                    log.created = true;
                }
                append(blob, unknown, owner);
            }
            long length = blob.getProperties().getBlobSize();
            if (length > log.offset) {
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) (length - log.offset));
                blob.downloadStreamWithResponse(out, new BlobRange(log.offset, length - log.offset), null, null, false, null, null);
                read(out.toByteArray(), log);
                log.offset = length;
            }
        } catch (BlobStorageException e) {
            throw new RetryableException("Could not claim keys in " + path + " of container '"
                    + container.getBlobContainerName() + "': " + e.getErrorCode(), e);
        }
        for (ClaimKey k : keys) {
            String holder = log.owners.get(k);
            if (holder != null && !holder.equals(owner)) {
                taken.add(k);
            }
        }
    }

    private static void append(AppendBlobClient blob, List<ClaimKey> keys, String owner) {
        StringBuilder block = new StringBuilder();
        for (ClaimKey k : keys) {
            String line = k.hex() + " " + owner + "\n";
            if (block.length() + line.length() > MAX_BLOCK) {
                appendBlock(blob, block);
                block.setLength(0);
            }
            block.append(line);
        }
        appendBlock(blob, block);
    }

    private static void appendBlock(AppendBlobClient blob, StringBuilder block) {
        byte[] bytes = block.toString().getBytes(StandardCharsets.US_ASCII);
        blob.appendBlockWithResponse(new ByteArrayInputStream(bytes), bytes.length, null, null, null, null);
    }

    private static void read(byte[] bytes, ShardLog log) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                break;
            }
            int space = text.indexOf(' ', start);
            log.owners.putIfAbsent(ClaimKey.fromHex(text.substring(start, space)), text.substring(space + 1, end));
            start = end + 1;
        }
    }

    /** What this worker has read of one shard's log. Guarded by its own monitor. */
    private static final class ShardLog {
        final Map<ClaimKey, String> owners = new HashMap<>();
        long offset;
        boolean created;
    }
}
