package com.doe.api;

import com.doe.run.RunLedger;
import com.doe.run.RunQuery;
import com.doe.run.RunRecord;
import com.doe.run.RunStatus;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;

/** {@code /api/runs}: run records, newest first. Thread-safe. */
public final class RunApi {

    /** Runs listed when the request gives no {@code limit}. */
    public static final int DEFAULT_LIMIT = 50;

    private final RunLedger runs;

    public RunApi(RunLedger runs) {
        this.runs = runs;
    }

    /** {@code GET /api/runs?pipelineId=&status=&limit=}. */
    public ApiResponse list(String pipelineId, String status, String limit) {
        return ApiErrors.guarded(() -> {
            RunStatus wanted = null;
            if (status != null && !status.isBlank()) {
                wanted = Arrays.stream(RunStatus.values()).filter(s -> s.name().equalsIgnoreCase(status)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("Status '" + status + "' is not one of "
                                + Arrays.toString(RunStatus.values()) + "."));
            }
            int max = DEFAULT_LIMIT;
            if (limit != null && !limit.isBlank()) {
                if (!limit.matches("[0-9]{1,4}")) {
                    throw new IllegalArgumentException("limit must be a number from 1 to 1000, was '" + limit + "'.");
                }
                max = Integer.parseInt(limit);
            }
            ArrayNode items = ApiResponse.JSON.createArrayNode();
            for (RunRecord record : runs.list(new RunQuery(blankToNull(pipelineId), wanted, max))) {
                items.add(toJson(record));
            }
            ObjectNode body = ApiResponse.JSON.createObjectNode();
            body.set("runs", items);
            return ApiResponse.ok(body);
        });
    }

    /** {@code GET /api/runs/{runId}}. */
    public ApiResponse get(String runId) {
        return ApiErrors.guarded(() -> runs.get(runId)
                .map(record -> ApiResponse.ok(toJson(record)))
                .orElseGet(() -> ApiErrors.notFound("Run '" + runId + "' does not exist. GET /api/runs lists runs, "
                        + "newest first.")));
    }

    static ObjectNode toJson(RunRecord record) {
        return ApiResponse.JSON.valueToTree(record);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
