package com.doe.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextHashTest {

    @Test
    void hashesTheBytesOfTheSliceWhereverTheSliceLies() {
        for (String s : new String[]{"", "a", "TX", "Airport", "Airport number 12", "Zürich 中 \uD83D\uDE00 and more text"}) {
            byte[] alone = s.getBytes(StandardCharsets.UTF_8);
            byte[] padded = ("xyz" + s + "0123456789").getBytes(StandardCharsets.UTF_8);

            // alone, the last word is read byte by byte; padded, as one masked word
            assertThat(TextHash.hash(padded, 3, alone.length)).as(s).isEqualTo(TextHash.hash(alone, 0, alone.length));
        }
        assertThat(TextHash.hash(new byte[]{'a', 'b'}, 0, 2)).isNotEqualTo(TextHash.hash(new byte[]{'a', 'b', 0}, 0, 3));
    }

    @Test
    void givesHyperLogLogEstimatesWithinItsErrorForSimilarStrings() {
        for (int n : new int[]{1_000, 30_000, 300_000}) {
            HyperLogLog hll = new HyperLogLog();
            for (int i = 0; i < n; i++) {
                byte[] b = ("Airport number " + i).getBytes(StandardCharsets.UTF_8);
                hll.add(TextHash.hash(b, 0, b.length));
            }
            // standard error about 1.6%: 4% is two and a half of them
            assertThat((double) hll.estimate()).as("%d values", n).isCloseTo(n, org.assertj.core.data.Percentage.withPercentage(4));
        }
    }
}
