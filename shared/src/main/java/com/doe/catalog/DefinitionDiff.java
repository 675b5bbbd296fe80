package com.doe.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * The differences between two definition trees, as JSON pointers. Objects are compared key by key;
 * arrays position by position (a step inserted in the middle shows as changes to the steps after
 * it, then one addition). Stateless.
 */
public final class DefinitionDiff {

    private DefinitionDiff() {
    }

    public static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        compare("", before, after, changes);
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> changes) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                child(path + "/" + escape(key), before.get(key), after.get(key), changes);
            }
        } else if (before.isArray() && after.isArray()) {
            int size = Math.max(before.size(), after.size());
            for (int i = 0; i < size; i++) {
                child(path + "/" + i, before.get(i), after.get(i), changes);
            }
        } else {
            changes.add(new Change(path, Change.Kind.CHANGED, before, after));
        }
    }

    private static void child(String path, JsonNode before, JsonNode after, List<Change> changes) {
        if (before == null) {
            changes.add(new Change(path, Change.Kind.ADDED, null, after));
        } else if (after == null) {
            changes.add(new Change(path, Change.Kind.REMOVED, before, null));
        } else {
            compare(path, before, after, changes);
        }
    }

    /** JSON pointer escaping (RFC 6901). */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** For tests and logs: the paths of a change list. */
    static List<String> paths(List<Change> changes) {
        List<String> paths = new ArrayList<>();
        for (Iterator<Change> it = changes.iterator(); it.hasNext(); ) {
            paths.add(it.next().path());
        }
        return paths;
    }
}
