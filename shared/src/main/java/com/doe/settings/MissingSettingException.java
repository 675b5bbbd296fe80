package com.doe.settings;

import com.doe.DoeException;

/** A required application setting is absent or blank. */
public final class MissingSettingException extends DoeException {

    public MissingSettingException(String name) {
        super("Application setting '" + name + "' is not set. Locally, `infra/local/doe up` prints it and "
                + "local.settings.sample.json lists it with a local value; in Azure, add it to the Function App's "
                + "application settings.");
    }
}
