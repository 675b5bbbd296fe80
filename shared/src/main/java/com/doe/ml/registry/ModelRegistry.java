package com.doe.ml.registry;

import com.doe.DoeException;
import com.doe.ml.InvalidModelException;
import com.doe.ml.ModelNotFoundException;
import com.doe.ml.onnx.CheckedOnnx;
import com.doe.ml.onnx.OnnxModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The model registry: immutable numbered versions per model name and a promoted {@code latest}
 * pointer, in a {@link ModelStore} (the {@code models} container). Layout:
 *
 * <pre>
 * {name}/latest.json              {"version": 3}       the promoted version (If-Match updates)
 * {name}/{version}/claim.json     who claimed the number (If-None-Match create: one writer per number)
 * {name}/{version}/model.tribuo   the trained Tribuo model
 * {name}/{version}/model.onnx     the model as ONNX (exportable algorithms, and uploads)
 * {name}/{version}/manifest.json  written last: feature spec, schema fingerprint, metrics, provenance
 * {name}/{version}/promoted.json  written after {@link #promoteOnce} moved the pointer to the version
 * {name}/keys/{hash}.json         {"key": "run/step", "version": 3}: the version a key claimed
 * uploads/...                     ONNX files referenced by score steps' "onnx" setting
 * </pre>
 *
 * Concurrent writers never overwrite each other: a version number is claimed by creating its claim
 * blob only if absent, and the pointer is replaced only if unchanged since it was read. Registering
 * is idempotent per key (a run's train step, {@code {runId}/{stepId}}): the first claim for a key is
 * recorded in the key's index blob (create-if-absent), and every later or concurrent claim with the
 * same key gets that version back; a concurrent loser leaves its own number claimed but unused (a
 * gap, never a second version). Thread-safe; share one per worker.
 */
public final class ModelRegistry {

    /** Valid model names (the same as {@code train.model}). */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** The folder of uploaded ONNX files, not a model name. */
    public static final String UPLOADS = "uploads";
    /** The container the registry lives in. */
    public static final String CONTAINER = "models";

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final ModelStore store;
    private final Clock clock;

    public ModelRegistry(ModelStore store) {
        this(store, Clock.systemUTC());
    }

    public ModelRegistry(ModelStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What a caller asks to register; the registry assigns the version. */
    public record NewVersion(String name, String key, Map<String, byte[]> files, IntFunction<ModelManifest> manifest) {
    }

    /** A registered version, and whether this call wrote it (false: an earlier call with the same key did). */
    public record Registered(ModelManifest manifest, boolean created) {
    }

    /**
     * Stores a new version: claims the next free number, writes the files, then the manifest.
     * Returns the existing version when one with the same {@code key} was completed before.
     */
    public ModelManifest register(NewVersion v) {
        return store(v).manifest();
    }

    private Registered store(NewVersion v) {
        checkName(v.name());
        int version = reserve(v.name(), v.key());
        Optional<ModelManifest> done = manifest(v.name(), version);
        if (done.isPresent()) {
            return new Registered(done.get(), false);
        }
        v.files().forEach((file, bytes) -> store.put(path(v.name(), version, file), bytes));
        ModelManifest m = v.manifest().apply(version);
        boolean created = store.createIfAbsent(path(v.name(), version, "manifest.json"), json(m));
        return new Registered(manifest(v.name(), version).orElseThrow(), created);
    }

    /**
     * The version number a registration with {@code key} uses, claimed now if no claim exists for the
     * key: a run reserves the versions its train steps will store when it starts, so that later score
     * steps of the same run can be pinned to them. Idempotent per key.
     *
     * @param key identifies the registration (a run's train step); null always claims a new number
     */
    public int reserve(String name, String key) {
        checkName(name);
        if (key != null) {
            Optional<Integer> claimed = claimedBy(name, key);
            if (claimed.isPresent()) {
                return claimed.get();
            }
        }
        int next = nextNumber(name);
        byte[] claim = json(new Claim(key, clock.instant().toString()));
        while (!store.createIfAbsent(path(name, next, "claim.json"), claim)) {
            next++;
        }
        if (key == null || store.createIfAbsent(keyPath(name, key), json(new KeyIndex(key, next)))) {
            return next;
        }
        // A concurrent registration with the same key indexed its number first: use that one.
        return claimedBy(name, key).orElseThrow(() -> new com.doe.RetryableException("The registry index of key '"
                + key + "' of model '" + name + "' exists but cannot be read yet; try again."));
    }

    /** The complete version registered with {@code key}, if its manifest has been written. */
    public Optional<ModelManifest> findByKey(String name, String key) {
        checkName(name);
        return claimedBy(name, key).flatMap(v -> manifest(name, v));
    }

    /**
     * Promotes {@code version} unless an earlier call already did: the first call moves the pointer and
     * then writes {@code {name}/{version}/promoted.json}; later calls (a re-delivered training) see the
     * marker and leave the pointer alone, so they never move {@code latest} back over a version promoted
     * since. A call that died between the two writes promotes again when repeated.
     *
     * @return true when this call moved the pointer
     */
    public boolean promoteOnce(String name, int version) {
        String marker = path(name, version, "promoted.json");
        if (store.etag(marker).isPresent()) {
            return false;
        }
        promote(name, version);
        store.createIfAbsent(marker, json(new PromotionMarker(clock.instant().toString())));
        return true;
    }

    /**
     * Stores a user's checked ONNX model as a new version (kind {@code onnx}). Idempotent: the same
     * file with the same inputs, task and labels gets the version it got before ({@code created}
     * false). Not promoted: call {@link #promote}.
     */
    public Registered uploadOnnx(String name, CheckedOnnx model) {
        checkName(name);
        UploadedOnnx file = new UploadedOnnx(model.sha256(), model.bytes().length, model.producer(), model.inputTensors(),
                model.outputs().score(), model.outputs().label());
        return store(new NewVersion(name, "upload:" + model.identity(), Map.of(ModelManifest.ONNX_FILE, model.bytes()),
                version -> new ModelManifest(name, version, ModelManifest.ONNX, model.task().text(), null, null,
                        model.inputs(), model.labels(), null, null, true, List.of(), null, null, null, null,
                        clock.instant().toString(), List.of(ModelManifest.ONNX_FILE), file, null)));
    }

    /** Every model name with its versions and promoted version. */
    public List<ModelSummary> list() {
        Map<String, TreeSet<Integer>> versions = new LinkedHashMap<>();
        for (String p : store.list("")) {
            String[] parts = p.split("/");
            if (parts.length == 3 && parts[2].equals("manifest.json") && !parts[0].equals(UPLOADS)) {
                versions.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(Integer.parseInt(parts[1]));
            }
        }
        List<ModelSummary> out = new ArrayList<>();
        versions.forEach((name, vs) -> out.add(new ModelSummary(name, List.copyOf(vs), latest(name).orElse(null))));
        return out;
    }

    /** A model's versions (oldest first) and promoted version. */
    public ModelDetails get(String name) {
        List<ModelManifest> versions = new ArrayList<>();
        for (int v : versions(name)) {
            manifest(name, v).ifPresent(versions::add);
        }
        if (versions.isEmpty()) {
            throw notFound(name);
        }
        return new ModelDetails(name, latest(name).orElse(null), versions);
    }

    /** The promoted version, if any. */
    public Optional<Integer> latest(String name) {
        return store.get(latestPath(name)).map(s -> read(s.bytes(), Pointer.class, latestPath(name)).version());
    }

    /**
     * Resolves {@code version} ({@code latest} or a number) to a complete version's manifest.
     *
     * @throws ModelNotFoundException naming the model and what exists
     */
    public ModelManifest resolve(String name, String version) {
        int v;
        if (version == null || version.equals("latest")) {
            v = latest(name).orElseThrow(() -> versions(name).isEmpty() ? notFound(name)
                    : new ModelNotFoundException("Model '" + name + "' has versions " + versions(name)
                    + " but none is promoted, so there is no 'latest'. Promote one (POST /api/models/" + name
                    + "/versions/{v}/promote) or name a version in the score step."));
        } else {
            try {
                v = Integer.parseInt(version);
            } catch (NumberFormatException e) {
                throw new ModelNotFoundException("Model version '" + version + "' is not a number; use a version "
                        + "number or \"latest\".");
            }
        }
        int resolved = v;
        return manifest(name, resolved).orElseThrow(() -> versions(name).isEmpty() ? notFound(name)
                : new ModelNotFoundException("Model '" + name + "' has no version " + resolved + " (versions: "
                + versions(name) + "). Use one of them, or \"latest\"."));
    }

    /**
     * Makes {@code version} the model's {@code latest}. Safe against concurrent promotions: the pointer
     * is replaced only if unchanged since read, retrying otherwise, so the last promotion wins whole.
     */
    public ModelManifest promote(String name, int version) {
        ModelManifest m = resolve(name, Integer.toString(version));
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<ModelStore.Stored> current = store.get(latestPath(name));
            if (store.replaceIfMatch(latestPath(name), json(new Pointer(version)), current.map(ModelStore.Stored::etag).orElse(null))) {
                return m;
            }
        }
        throw new com.doe.RetryableException("Could not promote " + m.describe() + ": the pointer kept changing under "
                + "concurrent promotions. Try again.");
    }

    /**
     * Makes {@code version} the model's {@code latest} once, never over a promotion this caller has not
     * seen: the pointer is read, compared with {@code expectedLatest} (when not null), and replaced only
     * if unchanged since read ({@code If-Match} on its tag). A concurrent promotion that gets there
     * first makes this one {@link Promotion.LostRace}, unless it chose the same version.
     *
     * @throws ModelNotFoundException for an unknown model or version
     */
    public Promotion promote(String name, int version, Integer expectedLatest) {
        ModelManifest m = resolve(name, Integer.toString(version));
        Optional<ModelStore.Stored> pointer = store.get(latestPath(name));
        Integer current = pointer.map(s -> read(s.bytes(), Pointer.class, latestPath(name)).version()).orElse(null);
        if (expectedLatest != null && !expectedLatest.equals(current)) {
            return new Promotion.NotAsExpected(m, expectedLatest, current);
        }
        if (Integer.valueOf(version).equals(current)) {
            return new Promotion.Unchanged(m);
        }
        if (store.replaceIfMatch(latestPath(name), json(new Pointer(version)), pointer.map(ModelStore.Stored::etag).orElse(null))) {
            return new Promotion.Promoted(m, current);
        }
        Integer winner = latest(name).orElse(null);
        return Integer.valueOf(version).equals(winner) ? new Promotion.Unchanged(m) : new Promotion.LostRace(m, winner);
    }

    /** A file of a version ({@code model.tribuo}, {@code model.onnx}). */
    public byte[] file(ModelManifest m, String file) {
        return store.get(path(m.name(), m.version(), file)).map(ModelStore.Stored::bytes).orElseThrow(() ->
                new InvalidModelException(m.describe() + " lists " + file + " but the registry has no "
                        + path(m.name(), m.version(), file) + ". Train or upload the model again."));
    }

    /**
     * An ONNX file by its path {@code models/<blob>}, with its tag (the cache key).
     *
     * @throws ModelNotFoundException naming the blob
     */
    public ModelStore.Stored blob(String path) {
        String blob = blobName(path);
        return store.get(blob).orElseThrow(() -> new ModelNotFoundException("ONNX model " + path + " does not exist. "
                + "Upload it to the '" + CONTAINER + "' container at " + blob + ", or fix the path in the score step."));
    }

    /** The tag of an ONNX file by its path {@code models/<blob>}, which changes whenever the file does. */
    public String blobTag(String path) {
        return store.etag(blobName(path)).orElseThrow(() -> new ModelNotFoundException("ONNX model " + path
                + " does not exist. Upload it to the '" + CONTAINER + "' container at " + blobName(path)
                + ", or fix the path in the score step."));
    }

    /** Stores an ONNX file at {@code models/uploads/<file>} after checking ONNX Runtime can load it. */
    public String uploadOnnxFile(String file, byte[] onnx, int inputs) {
        if (!file.matches("[A-Za-z0-9._-]+\\.onnx")) {
            throw new DoeException("ONNX file name '" + file + "' is not valid; use letters, digits, '.', '_', '-' and end with .onnx.");
        }
        try (OnnxModel ignored = OnnxModel.load("uploaded ONNX file " + file, onnx, inputs)) {
            // loaded and checked
        }
        store.put(UPLOADS + "/" + file, onnx);
        return CONTAINER + "/" + UPLOADS + "/" + file;
    }

    /** {@code models/uploads/x.onnx} to the blob name {@code uploads/x.onnx}. */
    public static String blobName(String path) {
        if (!path.startsWith(CONTAINER + "/") || path.length() == CONTAINER.length() + 1) {
            throw new DoeException("ONNX path '" + path + "' must be in the '" + CONTAINER + "' container, e.g. "
                    + "models/uploads/risk.onnx.");
        }
        return path.substring(CONTAINER.length() + 1);
    }

    private Optional<Integer> claimedBy(String name, String key) {
        String p = keyPath(name, key);
        return store.get(p).map(stored -> read(stored.bytes(), KeyIndex.class, p)).filter(k -> key.equals(k.key()))
                .map(KeyIndex::version);
    }

    private int nextNumber(String name) {
        List<Integer> existing = versions(name);
        return existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
    }

    /** Version numbers claimed for a model, complete or not, ascending. */
    private List<Integer> versions(String name) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String p : store.list(name + "/")) {
            String[] parts = p.substring(name.length() + 1).split("/");
            if (parts.length == 2 && parts[0].matches("\\d+")) {
                out.add(Integer.parseInt(parts[0]));
            }
        }
        return List.copyOf(out);
    }

    private Optional<ModelManifest> manifest(String name, int version) {
        String p = path(name, version, "manifest.json");
        return store.get(p).map(s -> read(s.bytes(), ModelManifest.class, p));
    }

    private ModelNotFoundException notFound(String name) {
        List<String> names = list().stream().map(ModelSummary::name).toList();
        return new ModelNotFoundException("There is no model named '" + name + "' in the registry"
                + (names.isEmpty() ? " (it is empty)" : " (models: " + String.join(", ", names) + ")")
                + ". Check the name, or train it first with a train step whose \"model\" is '" + name + "'.");
    }

    /** Why {@code name} cannot name a model, with the rule; empty when it can. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(UPLOADS)) {
            return Optional.of("Model name '" + name + "' is not valid: use lower-case letters, digits and '-' "
                    + "(at most 63), starting with a letter or digit, and not '" + UPLOADS + "'.");
        }
        return Optional.empty();
    }

    private static void checkName(String name) {
        nameProblem(name).ifPresent(problem -> {
            throw new DoeException(problem);
        });
    }

    private static String latestPath(String name) {
        return name + "/latest.json";
    }

    private static String path(String name, int version, String file) {
        return name + "/" + version + "/" + file;
    }

    /** The key's index blob: keys are free text (run ids, step ids), so the blob is named by their hash. */
    private static String keyPath(String name, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return name + "/keys/" + HexFormat.of().formatHex(digest, 0, 16) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new DoeException("Could not write registry JSON: " + e.getMessage(), e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type, String what) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new InvalidModelException("Registry file " + what + " is not valid JSON of the registry ("
                    + e.getMessage() + "). It was changed by hand; restore it or register the model again.", e);
        }
    }

    record Pointer(int version) {
    }

    record Claim(String key, String claimedAt) {
    }

    record KeyIndex(String key, int version) {
    }

    record PromotionMarker(String promotedAt) {
    }
}
