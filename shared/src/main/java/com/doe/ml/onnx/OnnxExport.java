package com.doe.ml.onnx;

import ai.onnx.proto.OnnxMl;
import com.doe.DoeException;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * Exports a trained Tribuo model to ONNX, for models that implement {@link ONNXExportable} (in Tribuo
 * 4.3: linear SGD and factorisation machine models, and ensembles of them). The graph takes one float
 * tensor {@code input} of shape [rows, features] in the feature spec's vector order and returns
 * {@code output} of shape [rows, outputs]: class probabilities in the model's label order, or the
 * (standardised) regression value.
 *
 * <p>The graph is Tribuo's own ({@code writeONNXGraph}); the model envelope is built here instead of by
 * {@code exportONNXModel} because Tribuo's envelope embeds provenance serialised with protobuf 3.25
 * generated code, which does not run on the protobuf 3.24 runtime this project pins for durabletask.
 */
public final class OnnxExport {

    /** Name of the input tensor. */
    public static final String INPUT = "input";
    /** Name of the output tensor. */
    public static final String OUTPUT = "output";

    private OnnxExport() {
    }

    /** The model as ONNX bytes, or null when Tribuo cannot export its type. */
    public static byte[] export(Model<?> model, String name) {
        if (!(model instanceof ONNXExportable exportable)) {
            return null;
        }
        try {
            ONNXContext context = new ONNXContext();
            context.setName(name);
            ONNXPlaceholder input = context.floatInput(INPUT, model.getFeatureIDMap().size());
            ONNXPlaceholder output = context.floatOutput(OUTPUT, model.getOutputIDInfo().size());
            exportable.writeONNXGraph(input).assignTo(output);
            return OnnxMl.ModelProto.newBuilder()
                    .setGraph(context.buildGraph())
                    .setDomain("com.doe.ml")
                    .setProducerName("DOE (Tribuo graph)")
                    .setModelVersion(1L)
                    .addOpsetImport(ONNXOperators.getOpsetProto())
                    .setIrVersion(6L)
                    .build()
                    .toByteArray();
        } catch (RuntimeException e) {
            throw new DoeException("Could not export model '" + name + "' to ONNX: " + e.getMessage(), e);
        }
    }
}
