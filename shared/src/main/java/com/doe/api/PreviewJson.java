package com.doe.api;

import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.preview.PreviewResult;
import com.doe.preview.StepPreview;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.QuarantineJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** A preview result as the API returns it: schema, problems, and per step its rows and rejections. */
final class PreviewJson {

    private PreviewJson() {
    }

    static ObjectNode toJson(PreviewResult result) {
        ObjectNode body = ApiResponse.JSON.createObjectNode();
        body.set("schema", schema(result.schema()));
        body.put("schemaInferred", result.schemaInferred());
        body.set("problems", ApiErrors.problems(result.problems()));
        body.put("rowsRead", result.rowsRead());
        body.set("readRejections", rejections(result.readRejections()));
        ArrayNode steps = body.putArray("steps");
        for (StepPreview step : result.steps()) {
            ObjectNode item = steps.addObject()
                    .put("stepId", step.stepId())
                    .put("type", step.type())
                    .put("stage", step.stage().text())
                    .put("executed", step.executed())
                    .put("note", step.note())
                    .put("filtered", step.filtered());
            item.set("rows", ApiResponse.JSON.valueToTree(step.rows()));
            item.set("rejections", rejections(step.rejections()));
        }
        return body;
    }

    private static ObjectNode schema(DatasetSchema schema) {
        if (schema == null) {
            return null;
        }
        ObjectNode node = ApiResponse.JSON.createObjectNode();
        ArrayNode fields = node.putArray("fields");
        for (Field field : schema.fields()) {
            ObjectNode item = fields.addObject().put("name", field.name()).put("type", field.type().text())
                    .put("required", field.required());
            if (field.format() != null) {
                item.put("format", field.format());
            }
            if (field.from() != null) {
                item.put("from", field.from());
            }
        }
        return node;
    }

    private static ArrayNode rejections(List<QuarantineEntry> entries) {
        ArrayNode array = ApiResponse.JSON.createArrayNode();
        entries.forEach(entry -> array.add(QuarantineJson.toJson(entry)));
        return array;
    }
}
