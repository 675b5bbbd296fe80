package com.doe.local.host.discovery;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Application settings as the Functions host sees them: environment variables (app settings in
 * Azure, exported by {@code infra/local/doe env} locally). Immutable and thread-safe.
 */
public final class Settings {

    private static final Pattern REFERENCE = Pattern.compile("%([^%]+)%");

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** The environment with {@code overrides} on top (tests use this for names of their own). */
    public static Settings of(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public Optional<String> find(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String require(String name, String usedBy) {
        return find(name).orElseThrow(() -> new DiscoveryException(usedBy + " needs the setting '" + name
                + "', which is not in the environment. Set it (infra/local/doe env prints the local stack's "
                + "settings; local.settings.sample.json lists every name)."));
    }

    /**
     * Replaces every {@code %Name%} in an annotation value by the setting's value, as the host
     * does for app settings in binding expressions.
     */
    public String resolve(String value, String usedBy) {
        if (value == null || value.indexOf('%') < 0) {
            return value;
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(require(matcher.group(1), usedBy)));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
