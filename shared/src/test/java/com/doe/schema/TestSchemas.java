package com.doe.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/** Schemas of the tests, from {@code src/test/resources/schemas/<name>.avsc}. */
public final class TestSchemas {

    private TestSchemas() {
    }

    public static String json(String name) {
        try (InputStream in = TestSchemas.class.getResourceAsStream("/schemas/" + name + ".avsc")) {
            if (in == null) {
                throw new IllegalArgumentException("No test schema " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Schema load(String name) {
        return new Schema.Parser().parse(json(name));
    }
}
