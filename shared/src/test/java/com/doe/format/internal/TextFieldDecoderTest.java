package com.doe.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.format.Coercion;
import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.format.InvalidValue;
import com.doe.format.TypedRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextFieldDecoderTest {

    private static final DatasetSchema SCHEMA = DatasetSchema.of(
            Field.of("s", FieldType.STRING), new Field("rs", FieldType.STRING, true, null, null),
            Field.of("l", FieldType.LONG), new Field("rl", FieldType.LONG, true, null, null),
            Field.of("d", FieldType.DOUBLE), Field.of("b", FieldType.BOOLEAN),
            Field.of("day", FieldType.DATE), new Field("fday", FieldType.DATE, false, "dd/MM/yyyy", null),
            Field.of("amount", new FieldType.Decimal(8, 2)), Field.of("at", FieldType.TIMESTAMP));

    private static final String[] SAMPLES = {"", " ", "0", "-0", "+0", "42", " 42 ", "\t7\n", "-9223372036854775808",
            "9223372036854775807", "9223372036854775808", "123456789012345678", "1234567890123456789", "42.0", "1e3",
            "1.5", ".5", "5.", ".", "-", "+", "+-1", "--1", "0.1", "-0.0", "3.14159265358979", "3.141592653589793",
            "123456789012345.6", "0.000000000000001", "1E-7", "NaN", "Infinity", "-Infinity", "0x1p3", "1d", "2f",
            "true", "TRUE", "True", "false", "FaLsE", "1", "yes", "tru", "truee", "2024-02-29", "2023-02-29",
            "2024-13-01", "0000-01-01", "9999-12-31", "2024-1-01", "29/02/2024", "2024-05-01T10:00:00Z", "12.34",
            "123456.78", "1234567.891", "\u0661\u0662", "12\u00a0", "١", "İ", "a,b", "Airport \"x\""};

    private static final TextFieldDecoder DECODER = new TextFieldDecoder(SCHEMA);

    /** What the record path gives for the text: the value, or null when it rejects the text. */
    private static Object[] expected(int field, String text) {
        Field f = SCHEMA.field(field);
        Object v = Coercion.forField(f).apply(text);
        boolean ok = !(v instanceof InvalidValue) && !((v == null || "".equals(v)) && f.required());
        return new Object[]{ok, ok ? v : null};
    }

    private static void assertSameAsCoercion(String text) {
        TypedRow row = new TypedRow(SCHEMA);
        byte[] buf = ("##" + text + "##").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < SCHEMA.size(); i++) {
            Object[] want = expected(i, text);
            boolean ok = DECODER.decode(i, row, buf, 2, buf.length - 4, false);
            assertThat(ok).as("field %s text '%s'", SCHEMA.field(i).name(), text).isEqualTo(want[0]);
            if (ok) {
                assertThat(row.get(i)).as("field %s text '%s'", SCHEMA.field(i).name(), text).isEqualTo(want[1]);
            }
        }
    }

    @Test
    void agreesWithCoercionOnEdgeCases() {
        for (String s : SAMPLES) {
            assertSameAsCoercion(s);
        }
    }

    @Test
    void agreesWithCoercionOnRandomNumbersAndText() {
        Random rnd = new Random(5);
        String alphabet = "0123456789.-+eE tfrualsTF\t";
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int kind = rnd.nextInt(4);
            texts.add(switch (kind) {
                case 0 -> Double.toString(Math.round(rnd.nextGaussian() * 1e6) / Math.pow(10, rnd.nextInt(8)));
                case 1 -> Long.toString(rnd.nextLong() >> rnd.nextInt(64));
                case 2 -> Double.toString(rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20));
                default -> {
                    StringBuilder sb = new StringBuilder();
                    for (int k = rnd.nextInt(12); k > 0; k--) {
                        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                    }
                    yield sb.toString();
                }
            });
        }
        for (String s : texts) {
            assertSameAsCoercion(s);
        }
    }

    @Test
    void keepsWellFormedUtf8AsItIsAndReplacesMalformedBytesAsADecodingReaderDoes() {
        TypedRow row = new TypedRow(SCHEMA);
        byte[] good = "Zürich 中 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'a', (byte) 0xC3, 'b', (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF0, (byte) 0x9F};

        assertThat(DECODER.decode(0, row, good, 0, good.length, false)).isTrue();
        assertThat(row.getText(0)).isEqualTo("Zürich 中 \uD83D\uDE00");
        assertThat(DECODER.decode(0, row, bad, 0, bad.length, false)).isTrue();
        assertThat(row.getText(0)).isEqualTo(new String(bad, StandardCharsets.UTF_8)).contains("\uFFFD");
        assertThat(row.getText(0).getBytes(StandardCharsets.UTF_8)).isEqualTo(
                java.util.Arrays.copyOfRange(row.textBuffer(0), row.textStart(0), row.textStart(0) + row.textLength(0)));
    }
}
