package com.doe.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every problem found while checking a definition, so users see them all at once. Not
 * thread-safe: one instance per validation.
 */
public final class Problems {

    private final List<Problem> list = new ArrayList<>();

    public void add(String pointer, String message, String fix) {
        list.add(new Problem(pointer, message, fix));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public List<Problem> list() {
        return List.copyOf(list);
    }

    /** The closest candidate by edit distance, for "did you mean" hints; null when none is close. */
    public static String closest(String given, Collection<String> candidates) {
        if (given == null) {
            return null;
        }
        String close = candidates.stream()
                .filter(c -> distance(given.toLowerCase(), c.toLowerCase()) <= Math.max(1, given.length() / 3))
                .min(Comparator.comparingInt(c -> distance(given.toLowerCase(), c.toLowerCase())))
                .orElse(null);
        if (close != null || given.length() < 3) {
            return close;
        }
        // A renamed field often keeps the old name as a part: name -> airport_name.
        return candidates.stream().filter(c -> c.toLowerCase().contains(given.toLowerCase())
                || given.toLowerCase().contains(c.toLowerCase()) && c.length() >= 3).findFirst().orElse(null);
    }

    /** " Did you mean 'x'?" or the list of choices. */
    public static String suggest(String given, Collection<String> candidates) {
        String c = closest(given, candidates);
        return c != null ? "Did you mean '" + c + "'?" : "Use one of: " + String.join(", ", candidates) + ".";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Escapes a key for use in a JSON pointer (RFC 6901). */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
