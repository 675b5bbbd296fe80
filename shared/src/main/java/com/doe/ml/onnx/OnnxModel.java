package com.doe.ml.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.doe.DoeException;
import com.doe.ml.InvalidModelException;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An ONNX model loaded into ONNX Runtime, for models with one float (or double) input tensor of shape
 * [rows, width]. Scores a batch of rows in one call. Thread-safe (ONNX Runtime sessions allow
 * concurrent runs); close it when evicted.
 */
public final class OnnxModel implements AutoCloseable {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final String description;
    private final OrtSession session;
    private final String inputName;
    private final boolean doubleInput;
    private final int width;

    private OnnxModel(String description, OrtSession session, String inputName, boolean doubleInput, int width) {
        this.description = description;
        this.session = session;
        this.inputName = inputName;
        this.doubleInput = doubleInput;
        this.width = width;
    }

    /**
     * Loads and checks a model.
     *
     * @param description what the bytes are, for messages (e.g. the blob path)
     * @param width       the number of inputs the caller will feed per row
     * @throws InvalidModelException when the bytes are not an ONNX model ONNX Runtime can load, or its
     *                               input is not a float/double tensor of {@code width} columns
     */
    public static OnnxModel load(String description, byte[] bytes, int width) {
        OrtSession session;
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = ENV.createSession(bytes, options);
        } catch (OrtException e) {
            throw new InvalidModelException(description + " is not a valid ONNX model (" + firstLine(e.getMessage())
                    + "). Export the model again (e.g. with skl2onnx or torch.onnx) and upload the .onnx file again.", e);
        }
        try {
            if (session.getInputInfo().size() != 1) {
                throw shape(description, session, "has " + session.getInputInfo().size() + " input tensors; DOE feeds one", width);
            }
            NodeInfo in = session.getInputInfo().values().iterator().next();
            if (!(in.getInfo() instanceof TensorInfo t)
                    || (t.type != OnnxJavaType.FLOAT && t.type != OnnxJavaType.DOUBLE)) {
                throw shape(description, session, "input '" + in.getName() + "' is " + in.getInfo() + ", not a float tensor", width);
            }
            long[] dims = t.getShape();
            long columns = dims.length == 2 ? dims[1] : -2;
            if (columns != width && columns != -1) {
                throw shape(description, session, "input '" + in.getName() + "' has shape " + java.util.Arrays.toString(dims)
                        + ", expected [rows, " + width + "]", width);
            }
            return new OnnxModel(description, session, in.getName(), t.type == OnnxJavaType.DOUBLE, width);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new InvalidModelException(description + ": cannot read the model's inputs: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    public int width() {
        return width;
    }

    /** Names and types of the outputs, for choosing which to read. */
    public Map<String, NodeInfo> outputs() {
        try {
            return session.getOutputInfo();
        } catch (OrtException e) {
            throw new InvalidModelException(description + ": cannot read the model's outputs: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the model on {@code rows} rows laid out row-major in {@code features} (length at least
     * rows * width) and hands the outputs to {@code reader} before they are released.
     */
    public <R> R run(double[] features, int rows, OutputReader<R> reader) {
        try (OnnxTensor tensor = tensor(features, rows); OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            return reader.read(result);
        } catch (OrtException e) {
            throw new DoeException("Scoring with " + description + " failed in ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private OnnxTensor tensor(double[] features, int rows) throws OrtException {
        long[] shape = {rows, width};
        if (doubleInput) {
            return OnnxTensor.createTensor(ENV, java.nio.DoubleBuffer.wrap(features, 0, rows * width), shape);
        }
        FloatBuffer buffer = FloatBuffer.allocate(rows * width);
        for (int i = 0; i < rows * width; i++) {
            buffer.put((float) features[i]);
        }
        buffer.flip();
        return OnnxTensor.createTensor(ENV, buffer, shape);
    }

    /** Reads what it needs from a result; the result is closed afterwards. */
    @FunctionalInterface
    public interface OutputReader<R> {
        R read(OrtSession.Result result) throws OrtException;
    }

    /** The value of output {@code name} or at {@code index} when the name is absent. */
    public static OnnxValue output(OrtSession.Result result, int index) {
        return result.get(index);
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // closing releases native memory; nothing else to do
        }
    }

    private static InvalidModelException shape(String description, OrtSession s, String what, int width) {
        return new InvalidModelException(description + " " + what + ". DOE feeds ONNX models one float tensor of shape "
                + "[rows, " + width + "] (one column per entry of \"inputs\", in order); export the model with such an input.");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
