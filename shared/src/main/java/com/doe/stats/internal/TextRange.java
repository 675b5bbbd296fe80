package com.doe.stats.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Smallest and largest string seen, in Unicode code point order (the order of their UTF-8 bytes,
 * compared unsigned), kept as UTF-8: a value given as a slice of a buffer is compared without
 * building a {@code String}, and copied only when it becomes a new bound. The prefix that the bounds
 * share is compared once for both (values of a column often share a long prefix: "Airport number
 * 12"). Not thread-safe.
 */
public final class TextRange {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] min = new byte[16];
    private byte[] max = new byte[16];
    private int minLength = -1;
    private int maxLength;
    /** Length of the prefix {@link #min} and {@link #max} share. */
    private int shared;
    /** The up to 8 bytes of {@link #min} and {@link #max} after the shared prefix, as unsigned big-endian numbers. */
    private long minKey;
    private long maxKey;

    /** Adds the string whose UTF-8 form is the {@code len} bytes of {@code b} at {@code off}. */
    public void add(byte[] b, int off, int len) {
        if (minLength < 0) {
            min = copy(min, b, off, len);
            minLength = len;
            max = copy(max, b, off, len);
            maxLength = len;
            shared = len;
            minKey = 0;
            maxKey = 0;
            return;
        }
        int n = Math.min(len, shared);
        int k = mismatch(b, off, min, 0, n);
        if (k >= 0) {
            // differs from both bounds at k, where they agree
            int v = b[off + k] & 0xFF;
            if (v < (min[k] & 0xFF)) {
                setMin(b, off, len);
            } else {
                setMax(b, off, len);
            }
        } else if (n == len && len < minLength) {
            setMin(b, off, len);
        } else if (n == shared && inside(window(b, off + n, len - n))) {
            // the common case, settled by two comparisons of the bytes after the shared prefix
            return;
        } else if (compareFrom(n, b, off, len, min, minLength) < 0) {
            setMin(b, off, len);
        } else if (compareFrom(n, b, off, len, max, maxLength) > 0) {
            setMax(b, off, len);
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
        return minLength < 0 ? null : new String(min, 0, minLength, StandardCharsets.UTF_8);
    }

    /** The largest string added, or null when none was. */
    public String max() {
        return minLength < 0 ? null : new String(max, 0, maxLength, StandardCharsets.UTF_8);
    }

    /** Unsigned comparison of the two byte strings, whose first {@code from} bytes are equal. */
    private static int compareFrom(int from, byte[] b, int off, int len, byte[] s, int sLen) {
        int n = Math.min(len, sLen);
        int k = mismatch(b, off + from, s, from, n - from);
        if (k >= 0) {
            return (b[off + from + k] & 0xFF) - (s[from + k] & 0xFF);
        }
        return len - sLen;
    }

    private void setMin(byte[] b, int off, int len) {
        min = copy(min, b, off, len);
        minLength = len;
        shared = sharedPrefix();
    }

    private void setMax(byte[] b, int off, int len) {
        max = copy(max, b, off, len);
        maxLength = len;
        shared = sharedPrefix();
    }

    private int sharedPrefix() {
        int n = Math.min(minLength, maxLength);
        int k = mismatch(min, 0, max, 0, n);
        int prefix = k < 0 ? n : k;
        minKey = window(min, prefix, minLength - prefix);
        maxKey = window(max, prefix, maxLength - prefix);
        return prefix;
    }

    /**
     * Whether a value that has the bounds' shared prefix, and {@code key} after it, lies strictly
     * between them. Strictly greater keys mean a greater string: at the first byte where the windows
     * differ the value's byte is greater, or the other string has ended. Equal keys say nothing.
     */
    private boolean inside(long key) {
        return Long.compareUnsigned(key, minKey) > 0 && Long.compareUnsigned(key, maxKey) < 0;
    }

    /** The first {@code min(count, 8)} bytes at {@code from} as an unsigned big-endian number, zero-padded on the right. */
    private static long window(byte[] b, int from, int count) {
        int n = Math.min(count, 8);
        if (n == 0) {
            return 0;
        }
        if (from + 8 <= b.length) {
            return Long.reverseBytes((long) LONGS.get(b, from)) & (-1L << (64 - 8 * n));
        }
        long w = 0;
        for (int i = 0; i < n; i++) {
            w |= (b[from + i] & 0xFFL) << (56 - 8 * i);
        }
        return w;
    }

    /**
     * The index of the first byte where the {@code n} bytes of {@code a} at {@code aOff} and of
     * {@code b} at {@code bOff} differ, or -1. Eight bytes at a time: column values are short, and
     * {@code Arrays.mismatch} costs more to call than such a loop takes.
     */
    private static int mismatch(byte[] a, int aOff, byte[] b, int bOff, int n) {
        int k = 0;
        for (; k + 8 <= n; k += 8) {
            long x = (long) LONGS.get(a, aOff + k) ^ (long) LONGS.get(b, bOff + k);
            if (x != 0) {
                return k + (Long.numberOfTrailingZeros(x) >>> 3);
            }
        }
        int rest = n - k;
        if (rest == 0) {
            return -1;
        }
        if (aOff + k + 8 <= a.length && bOff + k + 8 <= b.length) {
            // the last bytes as one word, the bytes beyond them masked off
            long x = ((long) LONGS.get(a, aOff + k) ^ (long) LONGS.get(b, bOff + k)) & (-1L >>> (64 - 8 * rest));
            return x == 0 ? -1 : k + (Long.numberOfTrailingZeros(x) >>> 3);
        }
        for (; k < n; k++) {
            if (a[aOff + k] != b[bOff + k]) {
                return k;
            }
        }
        return -1;
    }

    private static byte[] copy(byte[] into, byte[] b, int off, int len) {
        // room for a word beyond the value, so that comparisons read its last bytes as one word
        byte[] to = len + 8 > into.length ? new byte[Math.max(len + 8, into.length * 2)] : into;
        System.arraycopy(b, off, to, 0, len);
        return to;
    }
}
