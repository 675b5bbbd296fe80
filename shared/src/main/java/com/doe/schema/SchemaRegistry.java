package com.doe.schema;

import com.doe.RetryableException;
import com.doe.schema.RegistryStore.Tagged;
import com.doe.schema.SubjectState.Version;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.message.SchemaStore;

/**
 * Subjects with immutable numbered versions, compatibility modes, and lookup by fingerprint for
 * single-object decoding.
 *
 * <p>Versions never change once registered, so everything about them is cached in process for
 * the registry's lifetime: after the first lookup of a fingerprint, a subject version or a
 * producer's own registration, the store is not read again. Questions whose answer can change
 * (the latest version, the list of versions, a mode) and registrations read the store.
 *
 * <p>Registration is safe across processes: the new version is claimed by an etag-guarded
 * write of the subject, so two concurrent registrations never get the same number; the loser
 * re-reads, re-checks compatibility and takes the next number.
 *
 * <p>Thread-safe; share one instance per process.
 */
public final class SchemaRegistry {

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final int MAX_ATTEMPTS = 20;

    private final RegistryStore store;
    private final Clock clock;
    private final CompatibilityChecker checker = new CompatibilityChecker();
    private final ConcurrentMap<Long, Schema> byFingerprint = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, RegisteredSchema> byVersion = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, RegisteredSchema> byContent = new ConcurrentHashMap<>();
    private final SchemaStore avroSchemaStore = fingerprint -> findByFingerprint(fingerprint).orElse(null);

    public SchemaRegistry(RegistryStore store) {
        this(store, Clock.systemUTC());
    }

    public SchemaRegistry(RegistryStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers {@code schema} as the next version of {@code subject}, creating the subject if
     * needed. Idempotent: a schema identical to a registered version (same JSON, docs and
     * defaults included) returns that version.
     *
     * @throws IncompatibleSchemaException with one reason per problem under the subject's mode
     * @throws InvalidSchemaException when the subject name cannot be used
     * @throws RetryableException when the store is unavailable or registrations keep racing
     */
    public RegisteredSchema register(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        String contentId = Fingerprints.contentId(schema);
        RegisteredSchema known = byContent.get(contentKey(subject, contentId));
        if (known != null) {
            return known;
        }
        long fingerprint = Fingerprints.fingerprint(schema);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Tagged<SubjectState>> current = store.readSubject(subject);
            SubjectState state = current.map(Tagged::value).orElseGet(() -> SubjectState.empty(subject));
            Optional<Version> same = state.findByContent(contentId);
            if (same.isPresent()) {
                return remember(subject, same.get(), schema);
            }
            CompatibilityMode mode = state.mode().orElseGet(this::defaultMode);
            List<CompatibilityProblem> problems = checker.check(schema, versionsToCheck(state, mode), mode);
            if (!problems.isEmpty()) {
                throw new IncompatibleSchemaException(subject, mode, problems);
            }
            // Texts first: once the subject lists the version, its schema must be readable.
            String json = schema.toString();
            store.saveSchemaText(contentTextKey(contentId), json);
            store.saveSchemaText(fingerprintTextKey(fingerprint), json);
            SubjectState next = state.withNextVersion(fingerprint, contentId, clock.instant());
            boolean claimed = current.isPresent()
                    ? store.replaceSubject(next, current.get().etag())
                    : store.createSubject(next);
            if (claimed) {
                byFingerprint.putIfAbsent(fingerprint, schema);
                return remember(subject, next.versions().get(next.versions().size() - 1), schema);
            }
            pauseBeforeRetry(attempt);
        }
        throw new RetryableException("Could not register a schema for subject '" + subject + "': other registrations "
                + "changed the subject " + MAX_ATTEMPTS + " times in a row. Try again.");
    }

    /** Whether {@code schema} could be registered under {@code subject} now, without registering it. */
    public CompatibilityReport test(String subject, Schema schema) {
        requireSubject(subject);
        SubjectState state = store.readSubject(subject).map(Tagged::value).orElseGet(() -> SubjectState.empty(subject));
        CompatibilityMode mode = state.mode().orElseGet(this::defaultMode);
        Optional<Version> same = state.findByContent(Fingerprints.contentId(schema));
        if (same.isPresent()) {
            return new CompatibilityReport(subject, mode, same.get().version(), List.of());
        }
        return new CompatibilityReport(subject, mode, 0, checker.check(schema, versionsToCheck(state, mode), mode));
    }

    /** Every subject, sorted. A subject may have no version yet (its mode was set first). */
    public List<String> subjects() {
        return store.listSubjects().stream().sorted().toList();
    }

    /**
     * The version numbers of a subject, ascending.
     *
     * @throws SchemaNotFoundException when the subject does not exist
     */
    public List<Integer> versions(String subject) {
        return requireState(subject).versions().stream().map(Version::version).toList();
    }

    /**
     * One version of a subject. Cached for good after the first read: versions are immutable.
     *
     * @throws SchemaNotFoundException when the subject or the version does not exist
     */
    public RegisteredSchema version(String subject, int version) {
        RegisteredSchema cached = byVersion.get(versionKey(subject, version));
        if (cached != null) {
            return cached;
        }
        SubjectState state = requireState(subject);
        Version entry = state.find(version).orElseThrow(() -> new SchemaNotFoundException("Subject '" + subject
                + "' has no version " + version + "; its versions are 1 to " + state.latestVersion() + "."));
        return load(subject, entry);
    }

    /**
     * The latest version of a subject, read from the store.
     *
     * @throws SchemaNotFoundException when the subject has no version
     */
    public RegisteredSchema latest(String subject) {
        SubjectState state = requireState(subject);
        if (state.versions().isEmpty()) {
            throw new SchemaNotFoundException("Subject '" + subject + "' has no version yet; register a schema first.");
        }
        return load(subject, state.versions().get(state.versions().size() - 1));
    }

    /**
     * The schema with this single-object fingerprint, or empty when none is registered. After
     * the first hit for a fingerprint the answer comes from memory.
     */
    public Optional<Schema> findByFingerprint(long fingerprint) {
        Schema cached = byFingerprint.get(fingerprint);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Schema> stored = store.readSchemaText(fingerprintTextKey(fingerprint)).map(SchemaRegistry::parseStored);
        stored.ifPresent(schema -> byFingerprint.putIfAbsent(fingerprint, schema));
        return stored.map(schema -> byFingerprint.get(fingerprint));
    }

    /** This registry as Avro's {@link SchemaStore}, for {@code BinaryMessageDecoder}. */
    public SchemaStore schemaStore() {
        return avroSchemaStore;
    }

    /** The mode that applies to a subject: its own, or the global default. */
    public CompatibilityMode mode(String subject) {
        requireSubject(subject);
        return store.readSubject(subject).flatMap(s -> s.value().mode()).orElseGet(this::defaultMode);
    }

    /** The subject's own mode; empty when the global default applies. */
    public Optional<CompatibilityMode> ownMode(String subject) {
        requireSubject(subject);
        return store.readSubject(subject).flatMap(s -> s.value().mode());
    }

    /** Sets a subject's own mode, creating the subject if needed. Applies to later registrations. */
    public void setMode(String subject, CompatibilityMode mode) {
        requireSubject(subject);
        Objects.requireNonNull(mode, "mode");
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Tagged<SubjectState>> current = store.readSubject(subject);
            boolean written = current.isPresent()
                    ? store.replaceSubject(current.get().value().withMode(mode), current.get().etag())
                    : store.createSubject(SubjectState.empty(subject).withMode(mode));
            if (written) {
                return;
            }
            pauseBeforeRetry(attempt);
        }
        throw new RetryableException("Could not set the mode of subject '" + subject
                + "': it kept changing under concurrent registrations. Try again.");
    }

    /** The mode of subjects that have none of their own; {@link CompatibilityMode#DEFAULT} unless set. */
    public CompatibilityMode defaultMode() {
        return store.readDefaultMode().orElse(CompatibilityMode.DEFAULT);
    }

    public void setDefaultMode(CompatibilityMode mode) {
        store.writeDefaultMode(Objects.requireNonNull(mode, "mode"));
    }

    /**
     * Checks that a subject name can be stored: letters, digits, {@code .}, {@code _} and
     * {@code -}, starting with a letter or digit, at most 200 characters.
     *
     * @throws InvalidSchemaException otherwise
     */
    public static String requireSubject(String subject) {
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new InvalidSchemaException("Subject name '" + subject + "' is not valid: use letters, digits, '.', "
                    + "'_' and '-', starting with a letter or digit, at most 200 characters.");
        }
        return subject;
    }

    /**
     * Parses schema JSON as it arrives from users.
     *
     * @throws InvalidSchemaException with Avro's reason
     */
    public static Schema parse(String schemaJson) {
        if (schemaJson == null || schemaJson.isBlank()) {
            throw new InvalidSchemaException("The schema is empty: send an Avro schema as JSON.");
        }
        try {
            return new Schema.Parser().parse(schemaJson);
        } catch (SchemaParseException | NullPointerException e) {
            throw new InvalidSchemaException("The schema is not valid Avro: " + e.getMessage(), e);
        }
    }

    private SubjectState requireState(String subject) {
        requireSubject(subject);
        return store.readSubject(subject).map(Tagged::value)
                .orElseThrow(() -> new SchemaNotFoundException("Subject '" + subject + "' does not exist."));
    }

    private List<RegisteredSchema> versionsToCheck(SubjectState state, CompatibilityMode mode) {
        List<Version> versions = state.versions();
        if (mode == CompatibilityMode.NONE || versions.isEmpty()) {
            return List.of();
        }
        List<Version> needed = mode.isTransitive() ? versions : versions.subList(versions.size() - 1, versions.size());
        List<RegisteredSchema> loaded = new ArrayList<>(needed.size());
        for (Version version : needed) {
            loaded.add(load(state.subject(), version));
        }
        return loaded;
    }

    private RegisteredSchema load(String subject, Version version) {
        RegisteredSchema cached = byVersion.get(versionKey(subject, version.version()));
        if (cached != null) {
            return cached;
        }
        String json = store.readSchemaText(contentTextKey(version.contentId())).orElseThrow(() ->
                new IllegalStateException("Schema text " + version.contentId() + " of subject '" + subject
                        + "' version " + version.version() + " is missing from the store; it was written before the "
                        + "version was listed, so the store has lost data."));
        return remember(subject, version, parseStored(json));
    }

    private RegisteredSchema remember(String subject, Version version, Schema schema) {
        RegisteredSchema registered = new RegisteredSchema(subject, version.version(), version.fingerprint(), schema);
        RegisteredSchema existing = byVersion.putIfAbsent(versionKey(subject, version.version()), registered);
        RegisteredSchema result = existing == null ? registered : existing;
        byContent.putIfAbsent(contentKey(subject, version.contentId()), result);
        return result;
    }

    private static Schema parseStored(String json) {
        return new Schema.Parser().parse(json);
    }

    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("Interrupted while retrying a schema registry write.", e);
        }
    }

    private static String versionKey(String subject, int version) {
        return subject + '#' + version;
    }

    private static String contentKey(String subject, String contentId) {
        return subject + '#' + contentId;
    }

    static String contentTextKey(String contentId) {
        return "content-" + contentId;
    }

    static String fingerprintTextKey(long fingerprint) {
        return "fingerprint-" + Fingerprints.toHex(fingerprint);
    }
}
