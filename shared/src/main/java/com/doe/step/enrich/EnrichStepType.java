package com.doe.step.enrich;

import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.pipeline.Problems;
import com.doe.pipeline.Setting;
import com.doe.pipeline.SettingKind;
import com.doe.pipeline.SettingValues;
import com.doe.step.BindContext;
import com.doe.step.BoundStep;
import com.doe.step.RowStep;
import com.doe.step.StageKind;
import com.doe.step.StepServices;
import com.doe.step.StepType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code enrich}: joins reference data ({@code lookup}) and/or calls an HTTP API ({@code http}) per row. */
public final class EnrichStepType implements StepType {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    @Override
    public String name() {
        return "enrich";
    }

    @Override
    public StageKind stage() {
        return StageKind.TRANSFORM;
    }

    @Override
    public String doc() {
        return "Adds fields from a reference dataset in Blob Storage (lookup, cached per worker and reloaded when its "
                + "ETag changes) and/or from an HTTP JSON API (http, with cache, rate limit and retries). New fields are strings.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("lookup", SettingKind.OBJECT, "join a reference dataset").with(
                        Setting.of("dataset", SettingKind.STRING, "container/path of a .csv (with header) or .jsonl blob").mandatory(),
                        Setting.of("on", SettingKind.STRING_MAP, "row field -> reference column; all must match").mandatory(),
                        Setting.of("fields", SettingKind.STRING_MAP, "new field -> reference column").mandatory(),
                        Setting.of("onMissing", SettingKind.ENUM, "when no reference row matches")
                                .oneOf("null", "reject", "drop").defaultsTo("null")),
                Setting.of("http", SettingKind.OBJECT, "call an HTTP JSON API per row").with(
                        Setting.of("url", SettingKind.STRING, "URL template; {field} is replaced by the URL-encoded value").mandatory(),
                        Setting.of("fields", SettingKind.STRING_MAP, "new field -> JSON path in the response, e.g. $.data.name")
                                .mandatory(),
                        Setting.of("timeout", SettingKind.DURATION, "per request").defaultsTo("PT2S"),
                        Setting.of("cacheTtl", SettingKind.DURATION, "reuse a response for the same URL this long").defaultsTo("PT1H"),
                        Setting.of("maxRequestsPerSecond", SettingKind.NUMBER, "rate limit per worker").defaultsTo(20)
                                .between(0.01, 10000),
                        Setting.of("retries", SettingKind.INTEGER, "retries on timeout, connection error, 429 or 5xx")
                                .defaultsTo(3).between(0, 10),
                        Setting.of("backoff", SettingKind.DURATION, "delay before the first retry, doubled each time")
                                .defaultsTo("PT0.2S"),
                        Setting.of("onError", SettingKind.ENUM, "when the call fails after retries")
                                .oneOf("reject", "null", "drop", "fail").defaultsTo("reject")));
    }

    @Override
    public BoundStep bind(SettingValues s, BindContext ctx) {
        if (!s.has("lookup") && !s.has("http")) {
            ctx.problem(s.pointer(), ctx.describe() + " has neither \"lookup\" nor \"http\".", "Add one of them (or both).");
        }
        DatasetSchema schema = ctx.input();
        EnrichConfig.Lookup lookup = null;
        if (s.has("lookup")) {
            SettingValues l = s.object("lookup");
            lookup = new EnrichConfig.Lookup(l.string("dataset"), l.stringMap("on"), l.stringMap("fields"),
                    EnrichConfig.OnMissing.valueOf(l.string("onMissing").toUpperCase(Locale.ROOT)));
            lookup.on().keySet().forEach(f -> ctx.requireField(f, l.pointer("on") + "/" + Problems.escape(f)));
            schema = addFields(ctx, l, schema, lookup.fields());
        }
        EnrichConfig.Http http = null;
        if (s.has("http")) {
            SettingValues h = s.object("http");
            http = new EnrichConfig.Http(h.string("url"), h.stringMap("fields"), h.duration("timeout"), h.duration("cacheTtl"),
                    h.number("maxRequestsPerSecond"), (int) h.integer("retries", 3), h.duration("backoff"),
                    EnrichConfig.OnMissing.valueOf(h.string("onError").toUpperCase(Locale.ROOT)));
            Matcher m = PLACEHOLDER.matcher(http.url());
            while (m.find()) {
                ctx.requireField(m.group(1), h.pointer("url"), schema);
            }
            if (!http.url().startsWith("https://") && !http.url().startsWith("http://")) {
                ctx.problem(h.pointer("url"), ctx.describe() + ": url must start with https:// (or http://).",
                        "Write the full URL, e.g. https://api.example.com/items/{id}.");
            }
            http.fields().forEach((f, path) -> {
                if (!path.startsWith("$")) {
                    ctx.problem(h.pointer("fields") + "/" + Problems.escape(f), ctx.describe() + ": '" + path
                            + "' is not a JSON path.", "Start paths with $, e.g. $.data.name or $.items[0].id.");
                }
            });
            schema = addFields(ctx, h, schema, http.fields());
        }
        return new Bound(new EnrichConfig(lookup, http), ctx.input(), schema, ctx.stepId());
    }

    private static DatasetSchema addFields(BindContext ctx, SettingValues s, DatasetSchema schema, Map<String, String> fields) {
        for (String f : fields.keySet()) {
            String at = s.pointer("fields") + "/" + Problems.escape(f);
            if (!Field.NAME.matcher(f).matches()) {
                ctx.problem(at, ctx.describe() + ": '" + f + "' is not a valid field name.",
                        "Use letters, digits and underscores, not starting with a digit.");
            } else if (schema != null && schema.has(f)) {
                ctx.problem(at, ctx.describe() + ": field '" + f + "' already exists.",
                        "Pick a new name, or drop or rename the existing field in a map step first.");
            } else if (schema != null) {
                schema = schema.put(Field.of(f, FieldType.STRING));
            }
        }
        return schema;
    }

    private record Bound(EnrichConfig config, DatasetSchema input, DatasetSchema output, String stepId) implements BoundStep {
        @Override
        public RowStep rowStep(StepServices services) {
            return new EnrichRowStep(stepId, config, input, output, services);
        }
    }

}
