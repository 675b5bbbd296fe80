package com.doe.stack;

import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;

import java.util.UUID;

/**
 * Connection settings for integration tests: the process environment, as exported by
 * {@code infra/local/doe test} (or by {@code eval "$(infra/local/doe env)"} against a running stack,
 * or by Azure app settings), so the same tests can run against Azure services.
 */
final class StackSettings {

    private StackSettings() {
    }

    static AppSettings require() {
        AppSettings settings = AppSettings.fromEnvironment();
        if (settings.find(SettingNames.STORAGE).isEmpty()) {
            throw new IllegalStateException("Integration tests need the local stack's settings in the environment. "
                    + "Run them with `infra/local/doe test`, or start `infra/local/doe up -d` and "
                    + "`eval \"$(infra/local/doe env)\"` first.");
        }
        return settings;
    }

    /** A name no other test run uses, for containers, topics, databases and labels. */
    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
