package com.doe.schema;

import java.util.List;
import java.util.Objects;

/**
 * The schema registry's API in plain Java, with schema JSON and mode names as text, ready to be
 * wired to HTTP. Errors map to status codes: {@link InvalidSchemaException} 400,
 * {@link SchemaNotFoundException} 404, {@link IncompatibleSchemaException} 409 (body: its
 * {@code reasons()}), {@link com.doe.RetryableException} 503.
 *
 * <p>Thread-safe.
 */
public final class SchemaRegistryService {

    /** One version as the API shows it. */
    public record SchemaVersionView(String subject, int version, String fingerprint, String schema) {
        static SchemaVersionView of(RegisteredSchema registered) {
            return new SchemaVersionView(registered.subject(), registered.version(), registered.fingerprintHex(),
                    registered.schema().toString());
        }
    }

    /**
     * A subject's mode.
     *
     * @param inherited true when the subject has no mode of its own and the global default applies
     */
    public record SubjectModeView(String subject, CompatibilityMode mode, boolean inherited) {
    }

    /** The answer of a compatibility test. {@code existingVersion} is 0 unless the schema is already registered. */
    public record CompatibilityView(String subject, CompatibilityMode mode, boolean compatible, int existingVersion,
            List<String> reasons) {
    }

    private final SchemaRegistry registry;

    public SchemaRegistryService(SchemaRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public List<String> listSubjects() {
        return registry.subjects();
    }

    public List<Integer> listVersions(String subject) {
        return registry.versions(subject);
    }

    /**
     * @param version a version number, or {@code latest}
     */
    public SchemaVersionView getVersion(String subject, String version) {
        if ("latest".equalsIgnoreCase(version)) {
            return SchemaVersionView.of(registry.latest(subject));
        }
        try {
            return SchemaVersionView.of(registry.version(subject, Integer.parseInt(version)));
        } catch (NumberFormatException e) {
            throw new InvalidSchemaException("Version '" + version + "' is not valid: use a version number or 'latest'.");
        }
    }

    /** The schema a single-object encoded event names in its header, by 16 hexadecimal digits. */
    public String getSchemaByFingerprint(String fingerprintHex) {
        return registry.findByFingerprint(Fingerprints.fromHex(fingerprintHex)).map(Object::toString)
                .orElseThrow(() -> new SchemaNotFoundException("No schema with fingerprint " + fingerprintHex
                        + " is registered."));
    }

    /** Registers a schema; answers the existing version when it is already registered. */
    public SchemaVersionView register(String subject, String schemaJson) {
        return SchemaVersionView.of(registry.register(subject, SchemaRegistry.parse(schemaJson)));
    }

    /** Tests a schema against the subject's mode without registering it. */
    public CompatibilityView testCompatibility(String subject, String schemaJson) {
        CompatibilityReport report = registry.test(subject, SchemaRegistry.parse(schemaJson));
        return new CompatibilityView(subject, report.mode(), report.compatible(), report.existingVersion(),
                report.reasons());
    }

    public SubjectModeView getMode(String subject) {
        return registry.ownMode(subject)
                .map(mode -> new SubjectModeView(subject, mode, false))
                .orElseGet(() -> new SubjectModeView(subject, registry.defaultMode(), true));
    }

    public SubjectModeView setMode(String subject, String mode) {
        CompatibilityMode parsed = CompatibilityMode.parse(mode);
        registry.setMode(subject, parsed);
        return new SubjectModeView(subject, parsed, false);
    }

    public CompatibilityMode getDefaultMode() {
        return registry.defaultMode();
    }

    public CompatibilityMode setDefaultMode(String mode) {
        CompatibilityMode parsed = CompatibilityMode.parse(mode);
        registry.setDefaultMode(parsed);
        return parsed;
    }
}
