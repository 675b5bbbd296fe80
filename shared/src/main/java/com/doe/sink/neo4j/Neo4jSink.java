package com.doe.sink.neo4j;

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
import com.doe.sink.neo4j.Neo4jSinkConfig.NodeSpec;
import com.doe.sink.neo4j.Neo4jSinkConfig.RelationshipSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.summary.SummaryCounters;

/**
 * Loads rows into Neo4j: per batch of {@code batchSize} rows, one write transaction
 * ({@code Session.executeWrite}, which the driver retries on transient errors, lost connections and
 * leader changes for up to its retry time) running one {@code UNWIND $rows ... MERGE} statement per node
 * and relationship of the step ({@link Cypher}). Before the first write, a uniqueness constraint is
 * created (IF NOT EXISTS) for every label and key the step merges on, which makes MERGE both fast (index
 * lookup) and safe when chunks are loaded concurrently.
 *
 * <p><b>Guarantee:</b> nodes are unique per (label, key values) and relationships per (type, start, end),
 * so loading a chunk again, or chunks in any order, creates nothing new; properties end with the values
 * of the last row written for that node or relationship (the same across re-deliveries of one chunk;
 * across different chunks carrying different values for one key, the chunk loaded last wins).
 *
 * <p>Bad data: a row with a null key value (for any of its nodes or relationship endpoints) is refused
 * as a whole, nothing of it is written. When the server refuses a batch for its content (a type or
 * constraint error), the batch is split until the offending rows are found; those are refused with the
 * server's message and the rest is written.
 *
 * <p>Values: strings, longs, doubles, booleans and dates as such, timestamps as UTC DateTime, decimals as
 * strings (Bolt has no exact decimal). A null property value removes the property.
 *
 * <p>Thread-safe.
 */
public final class Neo4jSink implements Sink {

    /** Server errors caused by the rows, not by the statement or the server: found by splitting the batch. */
    private static final Set<String> DATA_ERRORS = Set.of(
            "Neo.ClientError.Schema.ConstraintValidationFailed",
            "Neo.ClientError.Statement.TypeError",
            "Neo.ClientError.Statement.ArgumentError",
            "Neo.ClientError.Statement.ArithmeticError",
            "Neo.ClientError.Statement.PropertyNotFound");

    private final String stepId;
    private final Neo4jSinkConfig config;
    private final Driver driver;
    private final List<String> statements = new ArrayList<>();
    private volatile boolean constraintsReady;

    public Neo4jSink(String stepId, Neo4jSinkConfig config, Driver driver) {
        this.stepId = stepId;
        this.config = config;
        this.driver = driver;
        config.nodes().forEach(n -> statements.add(Cypher.mergeNodes(n)));
        config.relationships().forEach(r -> statements.add(Cypher.mergeRelationships(r)));
    }

    @Override
    public String stepId() {
        return stepId;
    }

    /** The statements run per batch, nodes first (for the benchmark's baseline and the docs). */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    @Override
    public SinkResult write(RunContext run, Chunk chunk) {
        long start = System.nanoTime();
        ensureConstraints();
        List<SinkResult.RejectedRow> rejected = new ArrayList<>();
        List<Row> rows = new ArrayList<>(chunk.size());
        Mapping mapping = new Mapping(chunk.rows().isEmpty() ? null : chunk.rows().get(0).record().getSchema());
        for (int i = 0; i < chunk.size(); i++) {
            SourcedRecord r = chunk.rows().get(i);
            String missing = mapping.nullKey(r.record());
            if (missing != null) {
                rejected.add(new SinkResult.RejectedRow(i, SinkRows.rejection(stepId, r, "null-key", missing, null,
                        "key field '" + missing + "' is null, so the node cannot be merged; give every row a key "
                                + "(a validate rule with check 'required' on '" + missing + "' sets such rows aside earlier)")));
            } else {
                rows.add(new Row(i, r, mapping.params(r.record())));
            }
        }
        long[] counters = new long[4];
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.WRITE).build())) {
            for (int from = 0; from < rows.size(); from += config.batchSize()) {
                write(session, rows.subList(from, Math.min(rows.size(), from + config.batchSize())), counters, rejected);
            }
        }
        rejected.sort(java.util.Comparator.comparingInt(SinkResult.RejectedRow::row));
        SinkDetail detail = new SinkDetail.Neo4j(counters[0], counters[1], counters[2], counters[3]);
        return new SinkResult(rejected, new SinkStats(stepId, "neo4j", chunk.size(), chunk.size() - rejected.size(),
                rejected.size(), System.nanoTime() - start, detail));
    }

    private void write(Session session, List<Row> batch, long[] counters, List<SinkResult.RejectedRow> rejected) {
        List<List<Map<String, Object>>> params = new ArrayList<>(statements.size());
        for (int s = 0; s < statements.size(); s++) {
            List<Map<String, Object>> list = new ArrayList<>(batch.size());
            for (Row row : batch) {
                list.add(row.params[s]);
            }
            params.add(list);
        }
        try {
            long[] c = session.executeWrite(tx -> {
                long[] sum = new long[3];
                for (int s = 0; s < statements.size(); s++) {
                    SummaryCounters sc = tx.run(statements.get(s), Map.of("rows", params.get(s))).consume().counters();
                    sum[0] += sc.nodesCreated();
                    sum[1] += sc.relationshipsCreated();
                    sum[2] += sc.propertiesSet();
                }
                return sum;
            });
            counters[0] += c[0];
            counters[1] += c[1];
            counters[2] += c[2];
            counters[3]++;
        } catch (ClientException e) {
            if (!DATA_ERRORS.contains(e.code())) {
                throw new DoeException("Neo4j refused the statements of step '" + stepId + "' (" + e.code() + "): "
                        + e.getMessage(), e);
            }
            if (batch.size() == 1) {
                Row row = batch.get(0);
                rejected.add(new SinkResult.RejectedRow(row.index, SinkRows.rejection(stepId, row.source, "neo4j", null,
                        null, "Neo4j refused the row: " + e.getMessage())));
                return;
            }
            int half = batch.size() / 2;
            write(session, batch.subList(0, half), counters, rejected);
            write(session, batch.subList(half, batch.size()), counters, rejected);
        } catch (Neo4jException e) {
            throw failure("writing a batch of " + batch.size() + " rows", e);
        }
    }

    /** Creates the uniqueness constraints once per sink; IF NOT EXISTS makes every process's first call harmless. */
    private void ensureConstraints() {
        if (constraintsReady) {
            return;
        }
        synchronized (this) {
            if (constraintsReady) {
                return;
            }
            try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.WRITE).build())) {
                for (Map.Entry<String, List<String>> key : Cypher.nodeKeys(config)) {
                    String statement = Cypher.constraint(key.getKey(), key.getValue());
                    try {
                        session.executeWrite(tx -> tx.run(statement).consume());
                    } catch (ClientException e) {
                        if (!e.code().startsWith("Neo.ClientError.Schema.") || !e.code().contains("AlreadyExists")) {
                            throw new DoeException("Step '" + stepId + "': could not create the uniqueness constraint on :"
                                    + key.getKey() + key.getValue() + " (" + e.code() + "): " + e.getMessage()
                                    + ". If an index or another constraint already covers these properties, drop it "
                                    + "or make it a uniqueness constraint.", e);
                        }
                    } catch (Neo4jException e) {
                        throw failure("creating the uniqueness constraint on :" + key.getKey() + key.getValue(), e);
                    }
                }
            }
            constraintsReady = true;
        }
    }

    private DoeException failure(String what, Neo4jException e) {
        String msg = "Step '" + stepId + "': Neo4j failed while " + what + ": " + e.getMessage();
        return e instanceof org.neo4j.driver.exceptions.RetryableException
                ? new RetryableException(msg + " (the driver's retries ran out; the chunk will be loaded again)", e)
                : new DoeException(msg, e);
    }

    /** A row that passed the key checks, with its parameters per statement. */
    private record Row(int index, SourcedRecord source, Map<String, Object>[] params) {
    }

    /** Field positions of every key and property, resolved against the chunk's record schema. */
    private final class Mapping {
        private final int[][] nodeKeys;
        private final int[][] nodeProps;
        private final int[][] fromKeys;
        private final int[][] toKeys;
        private final int[][] relProps;
        private final List<String> keyFieldNames = new ArrayList<>();
        private final int[] keyFields;

        Mapping(org.apache.avro.Schema schema) {
            int n = config.nodes().size();
            int r = config.relationships().size();
            nodeKeys = new int[n][];
            nodeProps = new int[n][];
            fromKeys = new int[r][];
            toKeys = new int[r][];
            relProps = new int[r][];
            if (schema == null) {
                keyFields = new int[0];
                return;
            }
            for (int i = 0; i < n; i++) {
                NodeSpec node = config.nodes().get(i);
                nodeKeys[i] = positions(schema, node.key().values());
                nodeProps[i] = positions(schema, node.properties().values());
                keyFieldNames.addAll(node.key().values());
            }
            for (int i = 0; i < r; i++) {
                RelationshipSpec rel = config.relationships().get(i);
                fromKeys[i] = positions(schema, rel.from().key().values());
                toKeys[i] = positions(schema, rel.to().key().values());
                relProps[i] = positions(schema, rel.properties().values());
                keyFieldNames.addAll(rel.from().key().values());
                keyFieldNames.addAll(rel.to().key().values());
            }
            keyFields = positions(schema, keyFieldNames);
        }

        String nullKey(GenericRecord record) {
            for (int i = 0; i < keyFields.length; i++) {
                if (record.get(keyFields[i]) == null) {
                    return keyFieldNames.get(i);
                }
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object>[] params(GenericRecord record) {
            Map<String, Object>[] out = new Map[statements.size()];
            int s = 0;
            for (int i = 0; i < nodeKeys.length; i++) {
                Map<String, Object> m = new HashMap<>(4);
                m.put("k", values(record, nodeKeys[i]));
                if (nodeProps[i].length > 0) {
                    m.put("p", props(record, config.nodes().get(i).properties().keySet(), nodeProps[i]));
                }
                out[s++] = m;
            }
            for (int i = 0; i < fromKeys.length; i++) {
                Map<String, Object> m = new HashMap<>(4);
                m.put("a", values(record, fromKeys[i]));
                m.put("b", values(record, toKeys[i]));
                if (relProps[i].length > 0) {
                    m.put("p", props(record, config.relationships().get(i).properties().keySet(), relProps[i]));
                }
                out[s++] = m;
            }
            return out;
        }

        private static int[] positions(org.apache.avro.Schema schema, java.util.Collection<String> fields) {
            return SinkRows.positions(schema, List.copyOf(fields));
        }

        private static List<Object> values(GenericRecord record, int[] positions) {
            List<Object> l = new ArrayList<>(positions.length);
            for (int p : positions) {
                l.add(value(record.get(p)));
            }
            return l;
        }

        private static Map<String, Object> props(GenericRecord record, Set<String> names, int[] positions) {
            Map<String, Object> m = new HashMap<>(positions.length * 2);
            int i = 0;
            for (String name : names) {
                m.put(name, value(record.get(positions[i++])));
            }
            return m;
        }
    }

    /** A dataset value as a value Bolt carries. */
    static Object value(Object v) {
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Instant t) {
            return t.atZone(ZoneOffset.UTC);
        }
        return v;
    }
}
