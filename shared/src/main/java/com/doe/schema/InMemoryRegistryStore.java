package com.doe.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link RegistryStore} in process memory, for unit tests and tools. Same contract as the
 * Cosmos store, including etag conflicts. Counts reads so tests and benchmarks can show that
 * the registry's cache keeps lookups off the store.
 *
 * <p>Thread-safe. Nothing survives the process.
 */
public final class InMemoryRegistryStore implements RegistryStore {

    private final Map<String, Tagged<SubjectState>> subjects = new ConcurrentHashMap<>();
    private final Map<String, String> texts = new ConcurrentHashMap<>();
    private final AtomicReference<CompatibilityMode> defaultMode = new AtomicReference<>();
    private final AtomicLong etags = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    @Override
    public Optional<Tagged<SubjectState>> readSubject(String subject) {
        reads.incrementAndGet();
        return Optional.ofNullable(subjects.get(subject));
    }

    @Override
    public boolean createSubject(SubjectState state) {
        return subjects.putIfAbsent(state.subject(), tag(state)) == null;
    }

    @Override
    public boolean replaceSubject(SubjectState state, String etag) {
        boolean[] replaced = {false};
        subjects.computeIfPresent(state.subject(), (name, current) -> {
            if (!current.etag().equals(etag)) {
                return current;
            }
            replaced[0] = true;
            return tag(state);
        });
        return replaced[0];
    }

    @Override
    public List<String> listSubjects() {
        reads.incrementAndGet();
        return new ArrayList<>(subjects.keySet());
    }

    @Override
    public void saveSchemaText(String key, String schemaJson) {
        texts.putIfAbsent(key, schemaJson);
    }

    @Override
    public Optional<String> readSchemaText(String key) {
        reads.incrementAndGet();
        return Optional.ofNullable(texts.get(key));
    }

    @Override
    public Optional<CompatibilityMode> readDefaultMode() {
        reads.incrementAndGet();
        return Optional.ofNullable(defaultMode.get());
    }

    @Override
    public void writeDefaultMode(CompatibilityMode mode) {
        defaultMode.set(mode);
    }

    /** How many read operations were served since creation. */
    public long reads() {
        return reads.get();
    }

    private Tagged<SubjectState> tag(SubjectState state) {
        return new Tagged<>(state, Long.toString(etags.incrementAndGet()));
    }
}
