package com.doe.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the store keeps per subject: its own compatibility mode, if set, and its versions in
 * order. Versions are never changed or removed once listed here.
 *
 * @param subject the subject name
 * @param mode the subject's own mode; empty means the global default applies
 * @param versions oldest first; version numbers are 1, 2, 3...
 */
public record SubjectState(String subject, Optional<CompatibilityMode> mode, List<Version> versions) {

    /**
     * One version as listed in the subject.
     *
     * @param version the number
     * @param fingerprint the schema's single-object fingerprint
     * @param contentId the schema's {@linkplain Fingerprints#contentId content id}, key of its text
     * @param registeredAt when it was registered
     */
    public record Version(int version, long fingerprint, String contentId, Instant registeredAt) {
    }

    public SubjectState {
        mode = mode == null ? Optional.empty() : mode;
        versions = List.copyOf(versions);
    }

    /** A subject with no mode of its own and no versions. */
    public static SubjectState empty(String subject) {
        return new SubjectState(subject, Optional.empty(), List.of());
    }

    /** The version holding exactly this content, if any. */
    public Optional<Version> findByContent(String contentId) {
        return versions.stream().filter(v -> v.contentId().equals(contentId)).findFirst();
    }

    /** The given version, if registered. */
    public Optional<Version> find(int version) {
        return version >= 1 && version <= versions.size() ? Optional.of(versions.get(version - 1)) : Optional.empty();
    }

    /** The highest version number, 0 when there is none. */
    public int latestVersion() {
        return versions.size();
    }

    /** This state with one more version, numbered after the latest. */
    public SubjectState withNextVersion(long fingerprint, String contentId, Instant now) {
        List<Version> next = new ArrayList<>(versions);
        next.add(new Version(versions.size() + 1, fingerprint, contentId, now));
        return new SubjectState(subject, mode, next);
    }

    /** This state with another mode of its own. */
    public SubjectState withMode(CompatibilityMode newMode) {
        return new SubjectState(subject, Optional.of(newMode), versions);
    }
}
