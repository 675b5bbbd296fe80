package com.doe.settings;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read access to application settings by name. In Azure Functions, application settings are
 * environment variables, so production and the local stack both use {@link #fromEnvironment()};
 * tests may pass a map. Every name read anywhere in DOE is listed in
 * {@code local.settings.sample.json}.
 *
 * <p>Thread-safe; values are read on each call.
 */
public final class AppSettings {

    private final Function<String, String> source;

    private AppSettings(Function<String, String> source) {
        this.source = source;
    }

    /** Settings from the process environment (Azure app settings, or what {@code doe} exports). */
    public static AppSettings fromEnvironment() {
        return new AppSettings(System::getenv);
    }

    /** Settings from a fixed map, for tests and tools. */
    public static AppSettings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new AppSettings(copy::get);
    }

    /** The value, or empty when the setting is absent or blank. */
    public Optional<String> find(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The value, or {@code fallback} when absent or blank. */
    public String get(String name, String fallback) {
        return find(name).orElse(fallback);
    }

    /**
     * The value of a required setting.
     *
     * @throws MissingSettingException naming the setting and where to set it
     */
    public String require(String name) {
        return find(name).orElseThrow(() -> new MissingSettingException(name));
    }

    /** A boolean setting: {@code true} only for the text "true" (any case). */
    public boolean flag(String name) {
        return find(name).map(Boolean::parseBoolean).orElse(false);
    }
}
