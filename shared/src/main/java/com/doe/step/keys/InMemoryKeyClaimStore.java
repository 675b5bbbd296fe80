package com.doe.step.keys;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys in this process's memory: correct when every chunk of a run is processed by one process
 * (tests, previews, a single worker). Thread-safe.
 */
public final class InMemoryKeyClaimStore implements KeyClaimStore {

    private final Map<String, Map<ClaimKey, String>> owners = new ConcurrentHashMap<>();

    @Override
    public Set<ClaimKey> claim(String runId, String scope, String owner, Collection<ClaimKey> keys) {
        Map<ClaimKey, String> scopeOwners = owners.computeIfAbsent(runId + "\n" + scope, k -> new ConcurrentHashMap<>());
        Set<ClaimKey> taken = new HashSet<>();
        for (ClaimKey k : keys) {
            String holder = scopeOwners.putIfAbsent(k, owner);
            if (holder != null && !holder.equals(owner)) {
                taken.add(k);
            }
        }
        return taken;
    }

    /** Forgets a run's keys. */
    public void clear(String runId) {
        owners.keySet().removeIf(k -> k.startsWith(runId + "\n"));
    }
}
