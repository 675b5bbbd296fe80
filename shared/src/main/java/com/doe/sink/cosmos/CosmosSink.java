package com.doe.sink.cosmos;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkExecutionOptions;
import com.azure.cosmos.models.CosmosBulkItemResponse;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyBuilder;
import com.doe.DoeException;
import com.doe.RetryableException;
import com.doe.chunk.Chunk;
import com.doe.chunk.SourcedRecord;
import com.doe.sink.RunContext;
import com.doe.sink.Sink;
import com.doe.sink.SinkDetail;
import com.doe.sink.SinkResult;
import com.doe.sink.SinkRows;
import com.doe.sink.SinkStats;
import com.doe.sink.internal.JsonRows;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import reactor.core.publisher.Flux;

/**
 * Upserts rows as Cosmos DB documents with the SDK's bulk executor
 * ({@code CosmosAsyncContainer.executeBulkOperations}), which batches per partition key range, runs
 * batches concurrently and retries throttled (429) operations itself.
 *
 * <p>Document: the row's fields as JSON ({@link JsonRows}) plus {@code id}: the {@code idFields} value (one
 * field), or their values joined with {@code |} (several; {@code %} and {@code |} inside values
 * percent-encoded), or, without {@code idFields}, a deterministic id from the source blob and row
 * ({@link DocumentIds#fromSource}).
 *
 * <p><b>Guarantee:</b> one document per (partition key, id). Upserts are idempotent, so writing a chunk again
 * or chunks in any order leaves the same documents; rows sharing an id within one chunk are sent once (the
 * last in source order wins, as sequential upserts would); across chunks, the chunk written last wins.
 *
 * <p>Bad data, quarantined with the reason and not sent: a null id field value, an id
 * Cosmos DB refuses ({@link DocumentIds#problem}), a document over 2 MB. The 2 MB limit is checked here,
 * before sending, on the UTF-8 JSON length (the local Cosmos-compatible server does not enforce it; Azure
 * answers 413). Per-operation 400 and 413 answers are quarantined too. Other failures (throttling that
 * outlasted the SDK's retries, timeouts, 5xx) fail the chunk as retryable; 401/403/404 fail it for good.
 *
 * <p>The database and container are created on first use when missing (partition key path from the step);
 * with managed identity, data-plane roles cannot create them, so provision them first. Thread-safe.
 */
public final class CosmosSink implements Sink {

    /** Cosmos DB's maximum item size: 2 MB of UTF-8 JSON. */
    public static final int MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final String stepId;
    private final CosmosSinkConfig config;
    private final CosmosAsyncClient client;
    private volatile CosmosAsyncContainer container;

    public CosmosSink(String stepId, CosmosSinkConfig config, CosmosAsyncClient client) {
        this.stepId = stepId;
        this.config = config;
        this.client = client;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public SinkResult write(RunContext run, Chunk chunk) {
        long start = System.nanoTime();
        CosmosAsyncContainer target = container();
        List<SinkResult.RejectedRow> rejected = new ArrayList<>();
        Map<String, CosmosItemOperation> operations = new LinkedHashMap<>();
        if (!chunk.rows().isEmpty()) {
            GenericRecord first = chunk.rows().get(0).record();
            int[] idPositions = SinkRows.positions(first.getSchema(), config.idFields());
            int pkPosition = config.partitionKey() == null ? -1
                    : SinkRows.positions(first.getSchema(), List.of(config.partitionKey()))[0];
            for (int i = 0; i < chunk.size(); i++) {
                SourcedRecord row = chunk.rows().get(i);
                Refusal refusal = add(row, i, idPositions, pkPosition, operations);
                if (refusal != null) {
                    rejected.add(new SinkResult.RejectedRow(i, SinkRows.rejection(stepId, row, refusal.rule(),
                            refusal.field(), null, refusal.reason())));
                }
            }
        }
        double charge = 0;
        DoeException failure = null;
        if (!operations.isEmpty()) {
            List<CosmosBulkOperationResponse<Integer>> responses = execute(target, operations.values());
            for (CosmosBulkOperationResponse<Integer> r : responses) {
                CosmosBulkItemResponse item = r.getResponse();
                if (item != null) {
                    charge += item.getRequestCharge();
                    if (item.isSuccessStatusCode()) {
                        continue;
                    }
                }
                int status = item != null ? item.getStatusCode()
                        : r.getException() instanceof CosmosException ce ? ce.getStatusCode() : -1;
                int index = r.getOperation().getContext();
                if (status == 400 || status == 413) {
                    String detail = r.getException() != null ? ": " + firstLine(r.getException().getMessage()) : "";
                    rejected.add(new SinkResult.RejectedRow(index, SinkRows.rejection(stepId, chunk.rows().get(index),
                            "cosmos-" + status, null, null, "Cosmos DB refused the document with status " + status
                                    + (status == 413 ? " (too large)" : " (bad request)") + detail)));
                } else if (failure == null || !failure.isRetryable()) {
                    String msg = "Step '" + stepId + "': Cosmos DB answered " + status + " for a document in container '"
                            + config.container() + "' of database '" + config.database() + "'"
                            + (r.getException() != null ? ": " + firstLine(r.getException().getMessage()) : "");
                    failure = retryable(status) ? new RetryableException(msg + "; the chunk will be written again", r.getException())
                            : new DoeException(msg + ". Check CosmosEndpoint, the key or the identity's data-plane role.",
                            r.getException());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        rejected.sort(Comparator.comparingInt(SinkResult.RejectedRow::row));
        SinkDetail detail = new SinkDetail.Cosmos(charge, operations.size());
        return new SinkResult(rejected, new SinkStats(stepId, "cosmos", chunk.size(), chunk.size() - rejected.size(),
                rejected.size(), System.nanoTime() - start, detail));
    }

    /** Why a row is not sent. */
    private record Refusal(String rule, String field, String reason) {
    }

    /** Adds the row's upsert (replacing an earlier row with the same id); returns why not when the row is refused. */
    private Refusal add(SourcedRecord row, int index, int[] idPositions, int pkPosition,
                       Map<String, CosmosItemOperation> operations) {
        GenericRecord rec = row.record();
        String id;
        if (idPositions.length == 0) {
            if (row.source() == null) {
                return new Refusal("null-id", null, "the row has no source location and the step has no idFields to form its id");
            }
            id = DocumentIds.fromSource(row.source());
        } else {
            id = SinkRows.keyText(rec, idPositions);
            if (id == null) {
                return new Refusal("null-id", String.join(",", config.idFields()), "an id field ("
                        + String.join(", ", config.idFields()) + ") is null, so the document has no id");
            }
            String problem = DocumentIds.problem(id);
            if (problem != null) {
                return new Refusal("invalid-id", String.join(",", config.idFields()), problem);
            }
        }
        ObjectNode doc = JsonRows.object(rec);
        doc.put("id", id);
        int size;
        try {
            size = JSON.writeValueAsBytes(doc).length;
        } catch (JsonProcessingException e) {
            throw new DoeException("Could not serialise a document of step '" + stepId + "': " + e.getMessage(), e);
        }
        if (size > MAX_DOCUMENT_BYTES) {
            return new Refusal("too-large", null, "the document is " + size + " bytes of JSON; Cosmos DB allows at most "
                    + MAX_DOCUMENT_BYTES + " bytes (2 MB) per item");
        }
        Object pkValue = pkPosition < 0 ? id : rec.get(pkPosition);
        PartitionKey pk = partitionKey(pkValue);
        operations.remove(pk + "\u0000" + id);
        operations.put(pk + "\u0000" + id, CosmosBulkOperations.getUpsertItemOperation(doc, pk, index));
        return null;
    }

    private static PartitionKey partitionKey(Object v) {
        if (v == null) {
            return new PartitionKeyBuilder().addNullValue().build();
        }
        if (v instanceof CharSequence s) {
            return new PartitionKey(s.toString());
        }
        if (v instanceof Boolean b) {
            return new PartitionKey(b);
        }
        if (v instanceof Long || v instanceof Double || v instanceof Integer) {
            return new PartitionKey(((Number) v).doubleValue());
        }
        if (v instanceof BigDecimal d) {
            return new PartitionKey(d.doubleValue());
        }
        return new PartitionKey(v.toString());
    }

    private List<CosmosBulkOperationResponse<Integer>> execute(CosmosAsyncContainer target,
                                                               java.util.Collection<CosmosItemOperation> operations) {
        try {
            return target.<Integer>executeBulkOperations(Flux.fromIterable(operations), new CosmosBulkExecutionOptions())
                    .collectList().block(TIMEOUT);
        } catch (CosmosException e) {
            String msg = "Step '" + stepId + "': bulk upsert to '" + config.container() + "' failed with " + e.getStatusCode()
                    + ": " + firstLine(e.getMessage());
            throw retryable(e.getStatusCode()) ? new RetryableException(msg, e) : new DoeException(msg, e);
        } catch (IllegalStateException e) {
            throw new RetryableException("Step '" + stepId + "': bulk upsert to '" + config.container()
                    + "' did not finish within " + TIMEOUT.toMinutes() + " minutes", e);
        }
    }

    /** The container, checked (or created) once: its partition key path must be the step's. */
    private CosmosAsyncContainer container() {
        CosmosAsyncContainer c = container;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (container != null) {
                return container;
            }
            CosmosAsyncContainer target = client.getDatabase(config.database()).getContainer(config.container());
            CosmosContainerProperties props;
            try {
                props = target.read().block(TIMEOUT).getProperties();
            } catch (CosmosException e) {
                if (e.getStatusCode() != 404) {
                    throw new RetryableException("Step '" + stepId + "': cannot read container '" + config.container()
                            + "' (" + e.getStatusCode() + "): " + firstLine(e.getMessage()), e);
                }
                try {
                    client.createDatabaseIfNotExists(config.database()).block(TIMEOUT);
                    props = client.getDatabase(config.database())
                            .createContainerIfNotExists(config.container(), config.partitionKeyPath()).block(TIMEOUT)
                            .getProperties();
                } catch (CosmosException create) {
                    throw new DoeException("Step '" + stepId + "': container '" + config.container() + "' of database '"
                            + config.database() + "' does not exist and could not be created (" + create.getStatusCode()
                            + "). With managed identity, provision it (partition key path " + config.partitionKeyPath()
                            + ") in infra/.", create);
                }
            }
            List<String> paths = props.getPartitionKeyDefinition().getPaths();
            if (!paths.equals(List.of(config.partitionKeyPath()))) {
                throw new DoeException("Step '" + stepId + "': container '" + config.container() + "' is partitioned by "
                        + paths + " but the step's partitionKey gives " + config.partitionKeyPath()
                        + ". Set partitionKey to match the container, or write to another container.");
            }
            container = target;
            return target;
        }
    }

    private static boolean retryable(int status) {
        return status == -1 || status == 408 || status == 410 || status == 429 || status == 449 || status >= 500;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
