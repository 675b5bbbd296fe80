package com.doe.catalog;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One difference between two versions of a definition.
 *
 * @param path   JSON pointer of the changed value, e.g. {@code /steps/1/rules/0/max}
 * @param kind   what happened there
 * @param before the old value, null when added
 * @param after  the new value, null when removed
 */
public record Change(String path, Kind kind, JsonNode before, JsonNode after) {

    public enum Kind { ADDED, REMOVED, CHANGED }
}
