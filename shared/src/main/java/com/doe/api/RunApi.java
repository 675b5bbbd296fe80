package com.doe.api;

import com.doe.orchestration.RetryRun;
import com.doe.orchestration.RunInstances;
import com.doe.run.RunLedger;
import com.doe.run.RunQuery;
import com.doe.run.RunRecord;
import com.doe.run.RunStatus;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.Arrays;

/** {@code /api/runs}: run records, newest first. Thread-safe. */
public final class RunApi {

    /** Runs listed when the request gives no {@code limit}. */
    public static final int DEFAULT_LIMIT = 50;

    private final RunLedger runs;
    private final Clock clock;

    public RunApi(RunLedger runs) {
        this(runs, Clock.systemUTC());
    }

    public RunApi(RunLedger runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
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

    /**
     * {@code POST /api/runs/{runId}/cancel}: asks a running run to stop; it becomes {@code Cancelled}
     * at its next wait. 202 when asked, 404 for an unknown run, 409 when the run has finished.
     *
     * @param raiseCancel raises {@link com.doe.orchestration.RunEvents#CANCEL} on the run's
     *                    orchestration instance (instance id = run id)
     */
    public ApiResponse cancel(String runId, java.util.function.Consumer<String> raiseCancel) {
        return ApiErrors.guarded(() -> {
            java.util.Optional<RunRecord> record = runs.get(runId);
            if (record.isEmpty()) {
                return ApiErrors.notFound("Run '" + runId + "' does not exist. GET /api/runs lists runs, newest first.");
            }
            if (record.get().status().isFinal()) {
                return ApiResponse.error(409, "run_finished", "Run '" + runId + "' has already finished as "
                        + record.get().status() + "; there is nothing to cancel.");
            }
            raiseCancel.accept(runId);
            ObjectNode body = ApiResponse.JSON.createObjectNode();
            body.put("runId", runId);
            body.put("cancelRequested", true);
            return new ApiResponse(202, body);
        });
    }

    /**
     * {@code POST /api/runs/{runId}/retry}: resumes a {@code Failed} or {@code Cancelled} run from the
     * stage where it stopped ({@link RetryRun}). 202 with the run id and its status URL; 404 for an
     * unknown run; 409 with the reason when the run cannot be retried.
     *
     * @param instances  the runs' durable instances
     * @param requestUrl the request's URL, from which the status URL is derived; null gives a path
     */
    public ApiResponse retry(String runId, RunInstances instances, String requestUrl) {
        return ApiErrors.guarded(() -> {
            RetryRun.Outcome outcome = new RetryRun(runs, instances, clock, RetryRun.FINISH_WAIT).retry(runId);
            if (outcome instanceof RetryRun.NotFound notFound) {
                return ApiErrors.notFound(notFound.message());
            }
            if (outcome instanceof RetryRun.Refused refused) {
                return ApiResponse.error(409, refused.code(), refused.message());
            }
            RetryRun.Started started = (RetryRun.Started) outcome;
            ObjectNode body = ApiResponse.JSON.createObjectNode();
            body.put("runId", runId);
            body.put("status", started.record().status().name());
            body.put("retry", started.record().retries().size());
            body.put("fromStage", started.retry().fromStage());
            body.put("stage", started.retry().stage());
            body.put("statusUrl", statusUrl(runId, requestUrl));
            return new ApiResponse(202, body);
        });
    }

    /** The run's {@code GET} URL: the request URL without {@code /retry} and query, or a path. */
    static String statusUrl(String runId, String requestUrl) {
        String path = "/api/runs/" + runId;
        if (requestUrl == null) {
            return path;
        }
        int query = requestUrl.indexOf('?');
        String base = query < 0 ? requestUrl : requestUrl.substring(0, query);
        return base.endsWith(path + "/retry") ? base.substring(0, base.length() - "/retry".length()) : path;
    }

    static ObjectNode toJson(RunRecord record) {
        return ApiResponse.JSON.valueToTree(record);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
