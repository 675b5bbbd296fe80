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
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An ONNX model loaded into ONNX Runtime, fed rows of numbers in one of two layouts: one float (or
 * double) tensor of shape [rows, width] holding every column, or one tensor per column, of shape
 * [rows] or [rows, 1], named after the field it takes (as exporters of column-wise pipelines write
 * them). The batch dimension must be dynamic: rows are scored in batches. Scores a batch of rows in
 * one call. Thread-safe (ONNX Runtime sessions allow concurrent runs); close it when evicted.
 */
public final class OnnxModel implements AutoCloseable {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** One input tensor: which columns of a row it takes, its element type and rank. */
    private record Feed(String name, int firstColumn, int columns, boolean isDouble, boolean flat) {
    }

    private final String description;
    private final OrtSession session;
    private final List<Feed> feeds;
    private final int width;

    private OnnxModel(String description, OrtSession session, List<Feed> feeds, int width) {
        this.description = description;
        this.session = session;
        this.feeds = List.copyOf(feeds);
        this.width = width;
    }

    /**
     * Loads a model that takes one tensor of {@code width} columns.
     *
     * @param description what the bytes are, for messages (e.g. the blob path)
     * @param width       the number of inputs the caller will feed per row
     * @throws InvalidModelException when the bytes are not an ONNX model ONNX Runtime can load, or its
     *                               input is not a float/double tensor of {@code width} columns
     */
    public static OnnxModel load(String description, byte[] bytes, int width) {
        return load(description, bytes, width, null);
    }

    /**
     * Loads a model fed the values of {@code fields}, in order: as one tensor of that many columns, or,
     * when the model has several inputs, one tensor per field with the field's name.
     *
     * @throws InvalidModelException when the bytes are not an ONNX model ONNX Runtime can load, or its
     *                               inputs do not take those fields in one of the two layouts
     */
    public static OnnxModel load(String description, byte[] bytes, List<String> fields) {
        return load(description, bytes, fields.size(), fields);
    }

    private static OnnxModel load(String description, byte[] bytes, int width, List<String> fields) {
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
            Map<String, NodeInfo> inputs = session.getInputInfo();
            List<Feed> feeds = inputs.size() == 1 ? List.of(wholeRow(description, inputs.values().iterator().next(), width))
                    : perField(description, inputs, width, fields);
            return new OnnxModel(description, session, feeds, width);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new InvalidModelException(description + ": cannot read the model's inputs: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static Feed wholeRow(String description, NodeInfo in, int width) {
        TensorInfo t = numericTensor(description, in, width);
        long[] dims = t.getShape();
        long columns = dims.length == 2 ? dims[1] : -2;
        if (columns != width && columns != -1) {
            throw shape(description, "input '" + in.getName() + "' has shape " + Arrays.toString(dims)
                    + ", expected [rows, " + width + "]", width);
        }
        checkBatch(description, in.getName(), dims);
        return new Feed(in.getName(), 0, width, t.type == OnnxJavaType.DOUBLE, false);
    }

    private static List<Feed> perField(String description, Map<String, NodeInfo> inputs, int width, List<String> fields) {
        List<String> names = new ArrayList<>(inputs.keySet());
        if (fields == null || !new TreeSet<>(names).equals(new TreeSet<>(fields)) || fields.size() != names.size()) {
            String missing = fields == null ? "" : " Model inputs not among them: " + minus(names, fields)
                    + "; fields without a model input: " + minus(fields, names) + ".";
            throw new InvalidModelException(description + " has " + names.size() + " input tensors " + names
                    + "; DOE feeds such a model one column per input, named after the fields it is given "
                    + (fields == null ? "(this model was given none)" : fields) + "." + missing
                    + " Name the inputs exactly as the fields, or export the model with one float input of shape "
                    + "[rows, " + width + "] (skl2onnx: initial_types=[('input', FloatTensorType([None, " + width + "]))]).");
        }
        List<Feed> feeds = new ArrayList<>();
        for (int column = 0; column < fields.size(); column++) {
            NodeInfo in = inputs.get(fields.get(column));
            TensorInfo t = numericTensor(description, in, width);
            long[] dims = t.getShape();
            boolean oneColumn = dims.length == 1 || (dims.length == 2 && (dims[1] == 1 || dims[1] == -1));
            if (!oneColumn) {
                throw shape(description, "input '" + in.getName() + "' has shape " + Arrays.toString(dims)
                        + ", but a per-field input takes one column: [rows] or [rows, 1]", width);
            }
            checkBatch(description, in.getName(), dims);
            feeds.add(new Feed(in.getName(), column, 1, t.type == OnnxJavaType.DOUBLE, dims.length == 1));
        }
        return feeds;
    }

    private static TensorInfo numericTensor(String description, NodeInfo in, int width) {
        if (!(in.getInfo() instanceof TensorInfo t) || (t.type != OnnxJavaType.FLOAT && t.type != OnnxJavaType.DOUBLE)) {
            throw shape(description, "input '" + in.getName() + "' is " + in.getInfo() + ", not a float tensor", width);
        }
        return t;
    }

    private static void checkBatch(String description, String input, long[] dims) {
        if (dims.length > 0 && dims[0] > 0) {
            throw new InvalidModelException(description + " input '" + input + "' has a fixed batch size of " + dims[0]
                    + " (shape " + Arrays.toString(dims) + "), but DOE scores rows in batches of any size. Export the model "
                    + "with a dynamic first axis (torch.onnx.export(..., dynamic_axes={'" + input + "': {0: 'rows'}}); "
                    + "skl2onnx: FloatTensorType([None, ...])).");
        }
    }

    public int width() {
        return width;
    }

    /** The input tensors' names, in the order of the columns they take. */
    public List<String> inputNames() {
        return feeds.stream().map(Feed::name).toList();
    }

    /** The producer the model's file names (e.g. {@code skl2onnx}), or null when it names none. */
    public String producer() {
        try {
            String p = session.getMetadata().getProducerName();
            return p == null || p.isBlank() ? null : p;
        } catch (OrtException e) {
            return null;
        }
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
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Feed feed : feeds) {
                tensors.put(feed.name(), tensor(feed, features, rows));
            }
            try (OrtSession.Result result = session.run(tensors)) {
                return reader.read(result);
            }
        } catch (OrtException e) {
            throw new DoeException("Scoring with " + description + " failed in ONNX Runtime: " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor tensor(Feed feed, double[] features, int rows) throws OrtException {
        long[] shape = feed.flat() ? new long[] {rows} : new long[] {rows, feed.columns()};
        int size = rows * feed.columns();
        if (feed.isDouble() && feeds.size() == 1) {
            return OnnxTensor.createTensor(ENV, DoubleBuffer.wrap(features, 0, size), shape);
        }
        double[] column = new double[feed.isDouble() ? size : 0];
        FloatBuffer floats = feed.isDouble() ? null : FloatBuffer.allocate(size);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < feed.columns(); c++) {
                double v = features[r * width + feed.firstColumn() + c];
                if (floats != null) {
                    floats.put((float) v);
                } else {
                    column[r * feed.columns() + c] = v;
                }
            }
        }
        if (floats == null) {
            return OnnxTensor.createTensor(ENV, DoubleBuffer.wrap(column), shape);
        }
        floats.flip();
        return OnnxTensor.createTensor(ENV, floats, shape);
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

    private static List<String> minus(List<String> a, List<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private static InvalidModelException shape(String description, String what, int width) {
        return new InvalidModelException(description + " " + what + ". DOE feeds ONNX models one float tensor of shape "
                + "[rows, " + width + "] (one column per entry of \"inputs\", in order); export the model with such an input.");
    }

    /** The first line of an ONNX Runtime message (they run on with the native stack). */
    static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
