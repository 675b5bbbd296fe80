package com.doe.step.enrich;

import com.doe.DoeException;
import com.doe.RetryableException;
import com.doe.format.DatasetSchema;
import com.doe.quarantine.RuleFailure;
import com.doe.step.RowContext;
import com.doe.step.RowStep;
import com.doe.step.StepServices;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Executable {@code enrich}. Thread-safe: the lookup index is swapped atomically on a new table version. */
final class EnrichRowStep implements RowStep {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private final String stepId;
    private final EnrichConfig config;
    private final LookupSource lookups;
    private final int[] onFields;
    private final List<String> onColumns;
    private final String[] lookupColumns;
    private final int width;
    private final HttpLookup http;
    private final String[] urlParts;
    private final int[] urlFields;
    private final String[] httpFields;
    private volatile Index index;

    EnrichRowStep(String stepId, EnrichConfig config, DatasetSchema in, DatasetSchema out, StepServices services) {
        this.stepId = stepId;
        this.config = config;
        this.lookups = services.lookups();
        this.width = out.size();
        if (config.lookup() != null) {
            onFields = config.lookup().on().keySet().stream().mapToInt(in::indexOf).toArray();
            onColumns = List.copyOf(config.lookup().on().values());
            lookupColumns = config.lookup().fields().values().toArray(String[]::new);
        } else {
            onFields = new int[0];
            onColumns = List.of();
            lookupColumns = new String[0];
        }
        if (config.http() != null) {
            http = new HttpLookup(services.http(), config.http());
            List<String> parts = new ArrayList<>();
            List<Integer> fields = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(config.http().url());
            int last = 0;
            DatasetSchema afterLookup = out;
            while (m.find()) {
                parts.add(config.http().url().substring(last, m.start()));
                fields.add(afterLookup.indexOf(m.group(1)));
                last = m.end();
            }
            parts.add(config.http().url().substring(last));
            urlParts = parts.toArray(String[]::new);
            urlFields = fields.stream().mapToInt(Integer::intValue).toArray();
            httpFields = config.http().fields().keySet().toArray(String[]::new);
        } else {
            http = null;
            urlParts = new String[0];
            urlFields = new int[0];
            httpFields = new String[0];
        }
    }

    @Override
    public Object[] apply(Object[] row, RowContext context) {
        Object[] out = new Object[width];
        System.arraycopy(row, 0, out, 0, row.length);
        int next = row.length;
        if (config.lookup() != null) {
            Map<String, String> match = lookup(row);
            if (match == null) {
                if (!missing(config.lookup().onMissing(), "lookup", "no row of " + config.lookup().dataset()
                        + " matches " + keyText(row), context, keyText(row))) {
                    return null;
                }
            } else {
                for (int i = 0; i < lookupColumns.length; i++) {
                    out[next + i] = match.get(lookupColumns[i]);
                }
            }
            next += lookupColumns.length;
        }
        if (http != null) {
            String url = url(out);
            HttpLookup.Result r = http.get(url);
            if (r instanceof HttpLookup.Result.Found f) {
                Map<String, String> values = http.extract(f.body());
                for (int i = 0; i < httpFields.length; i++) {
                    out[next + i] = values.get(httpFields[i]);
                }
            } else {
                HttpLookup.Result.Failed failed = (HttpLookup.Result.Failed) r;
                if (config.http().onError() == EnrichConfig.OnMissing.FAIL) {
                    String msg = "Step '" + stepId + "' (enrich.http) failed: " + failed.reason()
                            + ". onError is 'fail'; use 'reject' to quarantine such rows instead.";
                    throw failed.transientFailure() ? new RetryableException(msg) : new DoeException(msg);
                }
                if (!missing(config.http().onError(), "http", failed.reason(), context, url)) {
                    return null;
                }
            }
        }
        return out;
    }

    /** Applies the missing-value policy; returns whether the row continues (with null fields). */
    private boolean missing(EnrichConfig.OnMissing policy, String rule, String reason, RowContext context, Object value) {
        switch (policy) {
            case REJECT -> {
                context.ruleFailed(rule, false);
                context.reject(List.of(new RuleFailure(rule, null, value, reason)), RowContext.OnFail.QUARANTINE);
                return false;
            }
            case DROP -> {
                context.filter(reason);
                return false;
            }
            case FAIL -> throw new DoeException("Step '" + stepId + "' (enrich) failed: " + reason + ".");
            default -> {
                return true;
            }
        }
    }

    private Map<String, String> lookup(Object[] row) {
        ReferenceTable table = lookups.table(config.lookup().dataset());
        Index idx = index;
        if (idx == null || !idx.version.equals(table.version())) {
            idx = new Index(table.version(), table.index(onColumns));
            index = idx;
        }
        List<String> key = new ArrayList<>(onFields.length);
        for (int f : onFields) {
            key.add(row[f] == null ? null : row[f].toString());
        }
        return idx.rows.get(key);
    }

    private String keyText(Object[] row) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String field : config.lookup().on().keySet()) {
            sb.append(i == 0 ? "" : ", ").append(field).append("=").append(row[onFields[i++]]);
        }
        return sb.toString();
    }

    private String url(Object[] row) {
        StringBuilder sb = new StringBuilder(urlParts[0]);
        for (int i = 0; i < urlFields.length; i++) {
            Object v = row[urlFields[i]];
            sb.append(URLEncoder.encode(v == null ? "" : v.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
            sb.append(urlParts[i + 1]);
        }
        return sb.toString();
    }

    private record Index(String version, Map<List<String>, Map<String, String>> rows) {
    }
}
