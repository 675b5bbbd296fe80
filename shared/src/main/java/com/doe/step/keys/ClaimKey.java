package com.doe.step.keys;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * A 128-bit fingerprint (Murmur3) of a key's values, so that run-wide key sets hold fixed-size entries.
 * Two different keys collide with probability about 2^-128 per pair: negligible for any run.
 */
public record ClaimKey(long high, long low) {

    /** The key of one or more values; values are told apart by type and position. */
    public static ClaimKey of(Object... values) {
        Hasher h = Hashing.murmur3_128().newHasher();
        for (Object v : values) {
            String s = String.valueOf(v);
            h.putChar(v == null ? 'n' : v.getClass().getSimpleName().charAt(0)).putInt(s.length())
                    .putString(s, StandardCharsets.UTF_8);
        }
        byte[] b = h.hash().asBytes();
        return new ClaimKey(java.nio.ByteBuffer.wrap(b, 0, 8).getLong(), java.nio.ByteBuffer.wrap(b, 8, 8).getLong());
    }

    /** 32 hex digits. */
    public String hex() {
        return String.format("%016x%016x", high, low);
    }

    public static ClaimKey fromHex(String hex) {
        return new ClaimKey(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16, 32), 16));
    }
}
