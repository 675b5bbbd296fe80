package com.doe.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static boolean jdkAccepts(byte[] b, int off, int len) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            d.decode(ByteBuffer.wrap(b, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random rnd = new Random(3);
        // bytes around every boundary of the encoding rules
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        for (int trial = 0; trial < 200_000; trial++) {
            byte[] b = new byte[2 + rnd.nextInt(7)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) interesting[rnd.nextInt(interesting.length)];
            }
            int off = rnd.nextInt(2);
            int len = rnd.nextInt(b.length - off + 1);
            assertThat(Utf8.isWellFormed(b, off, len)).as("%s from %d, %d bytes", HexFormat.of().formatHex(b), off, len)
                    .isEqualTo(jdkAccepts(b, off, len));
        }
    }

    @Test
    void acceptsEveryCodePointEncodedByTheJdk() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += cp < 0x3000 ? 1 : 61) {
            if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                continue;
            }
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8.isWellFormed(b, 0, b.length)).as("U+%04X", cp).isTrue();
        }
    }
}
