package com.doe.stats.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit hash of a string's UTF-8 bytes for {@link HyperLogLog}, eight bytes at a time: each word
 * is multiplied into a running state and the result goes through the SplitMix64 finaliser, so equal
 * strings hash equally however they were read and the bits HyperLogLog takes its register and rank
 * from are well mixed.
 */
public final class TextHash {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;

    private TextHash() {
    }

    /** The hash of the {@code len} bytes of {@code b} at {@code off}. */
    public static long hash(byte[] b, int off, int len) {
        long h = len * K2;
        int k = off;
        int end = off + len;
        for (; k + 8 <= end; k += 8) {
            h = Long.rotateLeft(h ^ (long) LONGS.get(b, k) * K1, 27) * K2;
        }
        int rest = end - k;
        if (rest > 0) {
            long w;
            if (k + 8 <= b.length) {
                w = (long) LONGS.get(b, k) & (-1L >>> (64 - 8 * rest));
            } else {
                w = 0;
                for (int s = 0; s < rest; s++) {
                    w |= (b[k + s] & 0xFFL) << (8 * s);
                }
            }
            h = Long.rotateLeft(h ^ w * K1, 27) * K2;
        }
        return HyperLogLog.mix(h);
    }
}
