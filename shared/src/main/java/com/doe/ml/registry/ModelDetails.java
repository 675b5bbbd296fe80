package com.doe.ml.registry;

import java.util.List;

/** One model: every complete version's manifest, oldest first, and the promoted version (null when none). */
public record ModelDetails(String name, Integer latest, List<ModelManifest> versions) {

    public ModelDetails {
        versions = List.copyOf(versions);
    }
}
