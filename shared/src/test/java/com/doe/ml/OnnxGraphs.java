package com.doe.ml;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Small ONNX models written with the ONNX protobuf classes, shaped like the ones users export
 * (skl2onnx, torch.onnx): one matrix input or one input per field, a float score and/or an int64
 * label, a fixed or dynamic batch axis. Dimensions are {@code Long} (fixed) or {@code String} (named,
 * dynamic).
 */
public final class OnnxGraphs {

    public static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    public static final int INT64 = TensorProto.DataType.INT64_VALUE;

    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> constants = new ArrayList<>();
    private String producer = "doe-tests";

    public static OnnxGraphs graph() {
        return new OnnxGraphs();
    }

    public OnnxGraphs input(String name, int type, Object... dims) {
        inputs.add(value(name, type, dims));
        return this;
    }

    public OnnxGraphs output(String name, int type, Object... dims) {
        outputs.add(value(name, type, dims));
        return this;
    }

    /** A float matrix constant of {@code rows} x (values / rows). */
    public OnnxGraphs matrix(String name, int rows, float... values) {
        constants.add(TensorProto.newBuilder().setName(name).setDataType(FLOAT).addDims(rows)
                .addDims(values.length / rows).addAllFloatData(boxed(values)).build());
        return this;
    }

    public OnnxGraphs node(String op, List<String> in, List<String> out, AttributeProto... attributes) {
        nodes.add(NodeProto.newBuilder().setOpType(op).setName(op + nodes.size()).addAllInput(in).addAllOutput(out)
                .addAllAttribute(List.of(attributes)).build());
        return this;
    }

    public OnnxGraphs producer(String name) {
        this.producer = name;
        return this;
    }

    public static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public byte[] bytes() {
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("test").addAllInput(inputs)
                .addAllOutput(outputs).addAllNode(nodes).addAllInitializer(constants).build();
        return OnnxMl.ModelProto.newBuilder().setGraph(graph).setIrVersion(7L).setProducerName(producer)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13L)).build()
                .toByteArray();
    }

    /**
     * A classifier of two float columns into three classes: probabilities = Softmax(X · W) as a float
     * output "probabilities" [rows, 3] and, when {@code withLabel}, the class index as int64 "label" [rows].
     * Class 0 wins for large x1, class 1 for large x2, class 2 for both negative.
     */
    public static byte[] classifier(boolean withLabel, boolean withProbabilities) {
        OnnxGraphs g = graph().producer("skl2onnx").input("X", FLOAT, "rows", 2L)
                .matrix("W", 2, 4f, -1f, -3f, -1f, 4f, -3f)
                .node("MatMul", List.of("X", "W"), List.of("logits"))
                .node("Softmax", List.of("logits"), List.of("probabilities"), intAttribute("axis", 1));
        if (withLabel) {
            g.node("ArgMax", List.of("probabilities"), List.of("label"), intAttribute("axis", 1), intAttribute("keepdims", 0))
                    .output("label", INT64, "rows");
        }
        if (withProbabilities) {
            g.output("probabilities", FLOAT, "rows", 3L);
        }
        return g.bytes();
    }

    /** y = 2·x1 + x2 from two inputs named "x1" and "x2" of shape [rows, 1], output "variable" [rows, 1]. */
    public static byte[] perFieldRegression() {
        return graph().producer("skl2onnx").input("x1", FLOAT, "rows", 1L).input("x2", FLOAT, "rows", 1L)
                .matrix("two", 1, 2f)
                .node("Mul", List.of("x1", "two"), List.of("doubled"))
                .node("Add", List.of("doubled", "x2"), List.of("variable"))
                .output("variable", FLOAT, "rows", 1L).bytes();
    }

    /** A linear model y = X · w of {@code width} columns whose input is declared [batch, width] ({@code batch} fixed when a Long). */
    public static byte[] linear(Object batch, Object width, float... weights) {
        return graph().producer("pytorch").input("input", FLOAT, batch, width)
                .matrix("w", weights.length, weights)
                .node("MatMul", List.of("input", "w"), List.of("output"))
                .output("output", FLOAT, batch, 1L).bytes();
    }

    private static ValueInfoProto value(String name, int type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof Long l ? TensorShapeProto.Dimension.newBuilder().setDimValue(l)
                    : TensorShapeProto.Dimension.newBuilder().setDimParam((String) d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }

    private static List<Float> boxed(float[] values) {
        List<Float> out = new ArrayList<>();
        for (float v : values) {
            out.add(v);
        }
        return out;
    }

    private OnnxGraphs() {
    }
}
