package com.doe.pipeline.internal;

import com.doe.pipeline.Problems;
import com.doe.pipeline.Setting;
import com.doe.pipeline.SettingKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Checks an object's keys and values against setting declarations, reporting every mismatch. */
public final class SettingsChecker {

    private SettingsChecker() {
    }

    /**
     * @param object   the JSON object to check
     * @param pointer  its JSON pointer
     * @param what     how to name it in messages, e.g. "step 'tidy' (clean)"
     * @param declared the declared settings
     * @param reserved keys handled by the caller (e.g. {@code id}, {@code type})
     */
    /** @return whether every declared setting present has the declared shape (unknown keys aside) */
    public static boolean check(JsonNode object, String pointer, String what, List<Setting> declared, Set<String> reserved,
                                Problems problems) {
        boolean shapesOk = true;
        List<String> names = new ArrayList<>(declared.stream().map(Setting::name).toList());
        Iterator<String> keys = object.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (reserved.contains(key) || names.contains(key)) {
                continue;
            }
            List<String> candidates = new ArrayList<>(names);
            problems.add(pointer + "/" + Problems.escape(key), "Unknown setting '" + key + "' in " + what + ".",
                    "Remove it. " + Problems.suggest(key, candidates));
        }
        for (Setting s : declared) {
            JsonNode v = object.get(s.name());
            String at = pointer + "/" + Problems.escape(s.name());
            if (v == null || v.isNull()) {
                if (s.required()) {
                    shapesOk = false;
                    problems.add(at, "Missing setting '" + s.name() + "' in " + what + ".",
                            "Add \"" + s.name() + "\": " + s.kind().description() + " (" + s.doc() + ").");
                }
                continue;
            }
            if (!s.kind().accepts(v)) {
                shapesOk = false;
                problems.add(at, "Setting '" + s.name() + "' in " + what + " must be " + s.kind().description()
                        + ", found " + shown(v) + ".", "Write " + s.name() + " as " + s.kind().description() + ".");
                continue;
            }
            if (s.kind() == SettingKind.ENUM && !s.allowed().contains(v.asText())) {
                shapesOk = false;
                problems.add(at, "Setting '" + s.name() + "' in " + what + " is '" + v.asText() + "', which is not allowed.",
                        Problems.suggest(v.asText(), s.allowed()));
            }
            if (v.isNumber() && (s.min() != null && v.asDouble() < s.min() || s.max() != null && v.asDouble() > s.max())) {
                problems.add(at, "Setting '" + s.name() + "' in " + what + " is " + v.asText() + ", outside "
                        + fmt(s.min()) + ".." + fmt(s.max()) + ".", "Use a value from " + fmt(s.min()) + " to " + fmt(s.max()) + ".");
            }
            if (s.children().isEmpty()) {
                continue;
            }
            if (s.kind() == SettingKind.OBJECT) {
                shapesOk &= check(v, at, what + " " + s.name(), s.children(), Set.of(), problems);
            } else if (s.kind() == SettingKind.OBJECT_LIST) {
                for (int i = 0; i < v.size(); i++) {
                    shapesOk &= check(v.get(i), at + "/" + i, what + " " + s.name() + "[" + i + "]", s.children(), Set.of(), problems);
                }
            }
        }
        return shapesOk;
    }

    private static String fmt(Double d) {
        if (d == null) {
            return "any";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }

    private static String shown(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
