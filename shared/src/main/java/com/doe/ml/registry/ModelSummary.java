package com.doe.ml.registry;

import java.util.List;

/** A model in the registry listing: its complete versions and the promoted one (null when none). */
public record ModelSummary(String name, List<Integer> versions, Integer latest) {

    public ModelSummary {
        versions = List.copyOf(versions);
    }
}
