package com.doe.sink;

import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;
import java.util.UUID;

/** The environment's application settings for sink integration tests, and unique names. */
public final class SinkStack {

    private SinkStack() {
    }

    public static AppSettings settings() {
        AppSettings settings = AppSettings.fromEnvironment();
        if (settings.find(SettingNames.STORAGE).isEmpty()) {
            throw new IllegalStateException("Integration tests need the local stack's settings in the environment. "
                    + "Run them with `infra/local/doe test`, or start `infra/local/doe up -d` and "
                    + "`eval \"$(infra/local/doe env)\"` first.");
        }
        return settings;
    }

    /** A name no other test run uses: letters and digits after the prefix. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
