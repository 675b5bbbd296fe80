package com.doe.pipeline;

import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import com.doe.format.SourceFormat;
import com.doe.format.SourceOptions;
import com.doe.pipeline.internal.SettingsChecker;
import com.doe.step.BindContext;
import com.doe.step.BoundStep;
import com.doe.step.StepCatalogue;
import com.doe.step.StepType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a definition and reports every problem at once, each with a JSON pointer and a fix: shape of
 * every key (from the setting declarations), ids, field types, unknown step types, duplicate step ids,
 * and, following the schema through each step (renames, drops, new fields), unknown fields, CEL
 * compile and type errors, invalid regexes and so on. Thread-safe.
 */
public final class PipelineValidator {

    private static final Pattern ID = Pattern.compile(DefinitionSettings.ID_PATTERN);
    private static final Pattern STEP_ID = Pattern.compile(DefinitionSettings.STEP_ID_PATTERN);

    private final StepCatalogue catalogue;

    public PipelineValidator(StepCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * @param tree     the definition
     * @param inferred the schema inferred from a file, used when the definition declares none; may be null
     */
    public Validation validate(JsonNode tree, DatasetSchema inferred) {
        Problems problems = new Problems();
        SettingsChecker.check(tree, "", "the pipeline", DefinitionSettings.ROOT, Set.of(), problems);
        String id = tree.path("id").asText(null);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add("/id", "Pipeline id '" + id + "' is not valid.",
                    "Use 2 to 63 lower-case letters, digits and '-', starting with a letter or digit, e.g. \"us-airports\".");
        }
        SourceDefinition source = source(tree.path("source"), problems);
        RunSettings run = run(new SettingValues(tree.get("settings"), "/settings", DefinitionSettings.RUN));
        DatasetSchema schema = source != null && source.schema() != null ? source.schema() : inferred;
        boolean schemaInferred = source != null && source.schema() == null && inferred != null;

        List<StepDefinition> steps = new ArrayList<>();
        List<BoundStep> bound = new ArrayList<>();
        List<DatasetSchema> inputs = new ArrayList<>();
        JsonNode stepNodes = tree.path("steps");
        Set<String> ids = new HashSet<>();
        if (stepNodes.isArray() && stepNodes.isEmpty()) {
            problems.add("/steps", "The pipeline has no steps.", "Add at least one step, e.g. a sink that loads the rows.");
        }
        for (int i = 0; stepNodes.isArray() && i < stepNodes.size(); i++) {
            JsonNode node = stepNodes.get(i);
            String at = "/steps/" + i;
            if (!node.isObject()) {
                continue;
            }
            String stepId = node.path("id").asText(null);
            String type = node.path("type").asText(null);
            if (stepId == null || !node.get("id").isTextual()) {
                problems.add(at + "/id", "Step " + i + " has no id.", "Add \"id\": a short name such as \"tidy\".");
                stepId = "#" + i;
            } else if (!STEP_ID.matcher(stepId).matches()) {
                problems.add(at + "/id", "Step id '" + stepId + "' is not valid.",
                        "Use letters, digits, '-' and '_' (at most 63), starting with a letter or digit.");
            } else if (!ids.add(stepId)) {
                problems.add(at + "/id", "Step id '" + stepId + "' is used by an earlier step.", "Give every step its own id.");
            }
            StepType stepType = type == null ? null : catalogue.find(type).orElse(null);
            if (stepType == null) {
                problems.add(at + "/type", type == null ? "Step '" + stepId + "' has no type."
                                : "Step '" + stepId + "' has unknown type '" + type + "'.",
                        (type == null ? "Add \"type\". " : "") + Problems.suggest(type == null ? "" : type, catalogue.names()));
                continue;
            }
            String what = "step '" + stepId + "' (" + type + ")";
            if (!SettingsChecker.check(node, at, what, stepType.settings(), Set.of("id", "type", "description"), problems)) {
                continue; // settings of the wrong shape: binding would report noise; the schema passes through
            }
            BindContext ctx = new BindContext(stepId, type, at, schema, problems);
            BoundStep b = stepType.bind(new SettingValues(node, at, stepType.settings()), ctx);
            steps.add(new StepDefinition(i, stepId, type, stepType.stage(), b.config()));
            inputs.add(schema);
            bound.add(b);
            schema = b.output();
        }
        if (id == null || source == null) {
            return new Validation(null, null, problems.list());
        }
        PipelineDefinition definition = new PipelineDefinition(id, tree.path("description").asText(null), source, steps, run,
                fingerprint(tree));
        Pipeline pipeline = problems.isEmpty() && inputs.size() == stepNodes.size() && (source.schema() != null || inferred != null)
                ? new Pipeline(definition, source.schema() != null ? source.schema() : inferred, schemaInferred, bound, inputs)
                : null;
        return new Validation(definition, pipeline, problems.list());
    }

    private static SourceDefinition source(JsonNode node, Problems problems) {
        if (!node.isObject()) {
            return null;
        }
        SourceFormat format = SourceFormat.parse(node.path("format").asText("")).orElse(null);
        SettingValues opts = new SettingValues(node.get("options"), "/source/options", DefinitionSettings.SOURCE_OPTIONS);
        char delimiter = oneChar(opts, "delimiter", problems);
        char quote = oneChar(opts, "quote", problems);
        Charset charset = StandardCharsets.UTF_8;
        String encoding = opts.string("encoding");
        try {
            charset = Charset.forName(encoding);
        } catch (RuntimeException e) {
            problems.add("/source/options/encoding", "Unknown encoding '" + encoding + "'.", "Use a charset name such as UTF-8 or ISO-8859-1.");
        }
        if (format != null && format != SourceFormat.CSV) {
            for (String csvOnly : List.of("delimiter", "quote", "header")) {
                if (opts.has(csvOnly)) {
                    problems.add("/source/options/" + csvOnly, "Option '" + csvOnly + "' applies to csv sources only, not "
                            + format.text() + ".", "Remove it.");
                }
            }
        }
        DatasetSchema schema = null;
        JsonNode fields = node.path("schema").path("fields");
        if (fields.isArray()) {
            schema = schema(fields, problems);
        }
        return format == null ? null : new SourceDefinition(format, new SourceOptions(delimiter, quote,
                opts.bool("header"), charset), schema);
    }

    private static char oneChar(SettingValues opts, String name, Problems problems) {
        String v = opts.string(name);
        if (v == null || v.length() != 1) {
            problems.add(opts.pointer(name), "Option '" + name + "' must be exactly one character, found '" + v + "'.",
                    name.equals("delimiter") ? "Use e.g. \",\", \";\" or \"\\t\"." : "Use e.g. \"\\\"\" or \"'\".");
            return name.equals("delimiter") ? ',' : '"';
        }
        return v.charAt(0);
    }

    private static DatasetSchema schema(JsonNode fields, Problems problems) {
        List<Field> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode f = fields.get(i);
            String at = "/source/schema/fields/" + i;
            String name = f.path("name").asText(null);
            String typeText = f.path("type").asText(null);
            if (name == null || typeText == null) {
                continue; // reported by the declaration checks
            }
            if (!Field.NAME.matcher(name).matches()) {
                problems.add(at + "/name", "Field name '" + name + "' is not valid.",
                        "Use letters, digits and underscores, not starting with a digit; keep the original in \"from\".");
            } else if (!names.add(name)) {
                problems.add(at + "/name", "Field '" + name + "' is declared twice.", "Remove or rename one of them.");
            }
            FieldType type = FieldType.parse(typeText).orElse(null);
            if (type == null) {
                problems.add(at + "/type", "Field '" + name + "' has unknown type '" + typeText + "'.",
                        "Use one of: " + FieldType.SPELLINGS + ".");
                continue;
            }
            String format = f.path("format").asText(null);
            if (format != null) {
                if (type != FieldType.DATE && type != FieldType.TIMESTAMP) {
                    problems.add(at + "/format", "Field '" + name + "' has a format, but only date and timestamp fields use one.",
                            "Remove \"format\", or change the type.");
                } else {
                    try {
                        DateTimeFormatter.ofPattern(format);
                    } catch (IllegalArgumentException e) {
                        problems.add(at + "/format", "Format '" + format + "' of field '" + name + "' is not a valid pattern: "
                                + e.getMessage() + ".", "Use a java.time pattern such as yyyy-MM-dd or dd/MM/yyyy HH:mm.");
                        format = null;
                    }
                }
            }
            list.add(new Field(name, type, f.path("required").asBoolean(false), format, f.path("from").asText(null)));
        }
        return new DatasetSchema(list);
    }

    private static RunSettings run(SettingValues s) {
        Duration timeout;
        try {
            timeout = s.duration("stageTimeout");
        } catch (RuntimeException e) {
            timeout = RunSettings.DEFAULTS.stageTimeout();
        }
        return new RunSettings((int) s.integer("chunkRows", RunSettings.DEFAULTS.chunkRows()),
                (int) s.integer("maxAttempts", RunSettings.DEFAULTS.maxAttempts()), timeout);
    }

    private static String fingerprint(JsonNode tree) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(PipelineText.canonical(tree).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
