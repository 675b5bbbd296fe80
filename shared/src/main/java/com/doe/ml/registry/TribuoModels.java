package com.doe.ml.registry;

import com.doe.ml.InvalidModelException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import org.tribuo.Model;

/**
 * Tribuo models as bytes ({@code model.tribuo}). Java serialisation, which Tribuo 4.3 supports for all
 * models: its protobuf format needs protobuf 3.25 generated code at runtime, and this project pins
 * protobuf 3.24 for durabletask. Reading is restricted by a filter to Tribuo, OLCUT, LibSVM and JDK
 * classes, so a tampered blob cannot instantiate arbitrary classes.
 */
public final class TribuoModels {

    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=200;maxarray=100000000;org.tribuo.**;com.oracle.labs.mlrg.olcut.**;libsvm.*;java.lang.**;"
                    + "java.util.**;java.time.*;java.math.*;java.net.URL;java.net.URI;java.nio.file.*;java.io.File;!*");

    private TribuoModels() {
    }

    public static byte[] write(Model<?> model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @throws InvalidModelException when the bytes are not a Tribuo model */
    public static Model<?> read(byte[] bytes, String description) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(FILTER);
            Object o = in.readObject();
            if (o instanceof Model<?> m) {
                return m;
            }
            throw new InvalidModelException(description + " does not hold a Tribuo model but " + o.getClass().getName()
                    + ". Train the model again.");
        } catch (IOException | ClassNotFoundException e) {
            throw new InvalidModelException(description + " cannot be read as a Tribuo model (" + e.getMessage()
                    + "). The file is damaged or was not written by DOE; train the model again.", e);
        }
    }
}
