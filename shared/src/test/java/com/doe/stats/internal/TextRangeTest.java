package com.doe.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextRangeTest {

    /** Values that share prefixes with each other and with the bounds, are prefixes of them, or are empty. */
    private static List<String> values(Random rnd, int n) {
        String[] stems = {"", "A", "Airport", "Airport number ", "Airport number 1", "Airport numbers", "B", "a", "é", "\uD83D\uDE00"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder(stems[rnd.nextInt(stems.length)]);
            for (int k = rnd.nextInt(4); k > 0; k--) {
                String alphabet = "0129AZaz \u00ff\uffff";
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static void add(TextRange range, String value) {
        byte[] buf = ("<<" + value + ">>").getBytes(StandardCharsets.UTF_8);
        range.add(buf, 2, buf.length - 4);
    }

    /** Unicode code point order, which differs from {@code String.compareTo} above U+FFFF: "\uffff" sorts before an emoji. */
    private static final Comparator<String> CODE_POINTS = (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    @Test
    void keepsTheSmallestAndLargestInCodePointOrder() {
        Random rnd = new Random(17);
        for (int trial = 0; trial < 300; trial++) {
            List<String> values = values(rnd, 1 + rnd.nextInt(60));
            TextRange range = new TextRange();
            for (String v : values) {
                add(range, v);
            }

            assertThat(range.min()).as("%s", values).isEqualTo(values.stream().min(CODE_POINTS).orElseThrow());
            assertThat(range.max()).as("%s", values).isEqualTo(values.stream().max(CODE_POINTS).orElseThrow());
        }
    }

    @Test
    void mergesAsIfAllValuesWereAddedToOne() {
        Random rnd = new Random(23);
        List<String> values = values(rnd, 500);
        TextRange all = new TextRange();
        TextRange first = new TextRange();
        TextRange second = new TextRange();
        for (int i = 0; i < values.size(); i++) {
            add(all, values.get(i));
            add(i < 200 ? first : second, values.get(i));
        }
        first.merge(second);
        first.merge(new TextRange());

        assertThat(first.min()).isEqualTo(all.min());
        assertThat(first.max()).isEqualTo(all.max());
    }

    @Test
    void isEmptyUntilAValueIsAdded() {
        TextRange range = new TextRange();

        assertThat(range.min()).isNull();
        assertThat(range.max()).isNull();

        add(range, "");

        assertThat(range.min()).isEmpty();
        assertThat(range.max()).isEmpty();
    }
}
