package com.doe.stats.internal;

/**
 * Smallest and largest string seen, in {@code String.compareTo} order, kept as characters: a value
 * given as a slice of a buffer is compared without building a {@code String}, and copied only when
 * it becomes a new bound. The prefix that the bounds share is compared once for both (values of a
 * column often share a long prefix: "Airport number 12"). Not thread-safe.
 */
public final class TextRange {

    private char[] min = new char[16];
    private char[] max = new char[16];
    private int minLength = -1;
    private int maxLength;
    /** Length of the prefix {@link #min} and {@link #max} share. */
    private int shared;

    /** Adds the string of {@code len} characters of {@code c} at {@code off}. */
    public void add(char[] c, int off, int len) {
        if (minLength < 0) {
            min = copy(min, c, off, len);
            minLength = len;
            max = copy(max, c, off, len);
            maxLength = len;
            shared = len;
            return;
        }
        int n = Math.min(len, shared);
        int k = 0;
        while (k < n && c[off + k] == min[k]) {
            k++;
        }
        if (k < n) {
            // differs from both bounds at k, where they agree
            char ch = c[off + k];
            if (ch < min[k]) {
                setMin(c, off, len);
            } else if (ch > max[k]) {
                setMax(c, off, len);
            }
        } else if (k == len && len < minLength) {
            setMin(c, off, len);
        } else if (compareFrom(k, c, off, len, min, minLength) < 0) {
            setMin(c, off, len);
        } else if (compareFrom(k, c, off, len, max, maxLength) > 0) {
            setMax(c, off, len);
        }
    }

    public void merge(TextRange other) {
        if (other.minLength >= 0) {
            add(other.min, 0, other.minLength);
            add(other.max, 0, other.maxLength);
        }
    }

    /** The smallest string added, or null when none was. */
    public String min() {
        return minLength < 0 ? null : new String(min, 0, minLength);
    }

    /** The largest string added, or null when none was. */
    public String max() {
        return minLength < 0 ? null : new String(max, 0, maxLength);
    }

    /** {@code String.compareTo} of the two strings, whose first {@code from} characters are equal. */
    private static int compareFrom(int from, char[] c, int off, int len, char[] s, int sLen) {
        int n = Math.min(len, sLen);
        for (int k = from; k < n; k++) {
            int d = c[off + k] - s[k];
            if (d != 0) {
                return d;
            }
        }
        return len - sLen;
    }

    private void setMin(char[] c, int off, int len) {
        min = copy(min, c, off, len);
        minLength = len;
        shared = compareFromShared();
    }

    private void setMax(char[] c, int off, int len) {
        max = copy(max, c, off, len);
        maxLength = len;
        shared = compareFromShared();
    }

    private int compareFromShared() {
        int n = Math.min(minLength, maxLength);
        int k = 0;
        while (k < n && min[k] == max[k]) {
            k++;
        }
        return k;
    }

    private static char[] copy(char[] into, char[] c, int off, int len) {
        char[] to = len > into.length ? new char[Math.max(len, into.length * 2)] : into;
        System.arraycopy(c, off, to, 0, len);
        return to;
    }
}
