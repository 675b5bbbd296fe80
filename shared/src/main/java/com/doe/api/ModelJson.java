package com.doe.api;

import com.doe.ml.registry.ModelManifest;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Model registry entries as API JSON. Stateless. */
final class ModelJson {

    private ModelJson() {
    }

    /**
     * One version: what it is, what it reads, how good it is and where it came from. With
     * {@code encoding}, also how a trained model encodes rows (means, scales, categories), which can
     * be large.
     *
     * @param latest the model's promoted version, or null
     */
    static ObjectNode version(ModelManifest m, Integer latest, boolean encoding) {
        ObjectNode v = ApiResponse.JSON.createObjectNode()
                .put("name", m.name())
                .put("version", m.version())
                .put("latest", Integer.valueOf(m.version()).equals(latest))
                .put("kind", m.kind())
                .put("task", m.task())
                .put("algorithm", m.algorithm())
                .put("createdAt", m.createdAt());
        v.set("fields", strings(m.features() != null ? m.features().fields() : m.inputs()));
        v.set("labels", strings(m.labels()));
        v.set("metrics", ApiResponse.JSON.valueToTree(m.metrics()));
        ObjectNode quality = v.putObject("quality").put("met", m.qualityMet());
        quality.set("failures", strings(m.qualityFailures()));
        if (m.runId() != null) {
            ObjectNode training = v.putObject("training")
                    .put("runId", m.runId())
                    .put("pipelineId", m.pipelineId())
                    .put("pipelineVersion", m.pipelineVersion())
                    .put("stepId", m.stepId());
            training.set("rows", ApiResponse.JSON.valueToTree(m.rows()));
        } else {
            v.putNull("training");
        }
        v.set("upload", ApiResponse.JSON.valueToTree(m.upload()));
        v.put("schemaFingerprint", m.schemaFingerprint());
        v.set("files", strings(m.files()));
        if (encoding && m.features() != null) {
            v.set("encoding", ApiResponse.JSON.valueToTree(m.features()));
        }
        return v;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = ApiResponse.JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
