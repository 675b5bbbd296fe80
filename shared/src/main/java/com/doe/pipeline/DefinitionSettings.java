package com.doe.pipeline;

import com.doe.format.FieldType;
import java.util.List;

/**
 * Declarations of the definition's own keys (everything except the step-specific settings, which the
 * step types declare). Shared by the validator and the JSON Schema generator.
 */
public final class DefinitionSettings {

    public static final String ID_PATTERN = "^[a-z0-9][a-z0-9-]{1,62}$";
    public static final String STEP_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$";

    public static final List<Setting> SOURCE_OPTIONS = List.of(
            Setting.of("delimiter", SettingKind.STRING, "csv: field separator, one character").defaultsTo(","),
            Setting.of("quote", SettingKind.STRING, "csv: quote character, one character").defaultsTo("\""),
            Setting.of("header", SettingKind.BOOLEAN, "csv: whether the first line names the columns").defaultsTo(true),
            Setting.of("encoding", SettingKind.STRING, "text formats: character set").defaultsTo("UTF-8"));

    public static final List<Setting> FIELD = List.of(
            Setting.of("name", SettingKind.STRING, "field name: letters, digits, underscores").mandatory(),
            Setting.of("type", SettingKind.STRING, "one of " + FieldType.SPELLINGS).mandatory(),
            Setting.of("required", SettingKind.BOOLEAN, "reject rows where the value is missing").defaultsTo(false),
            Setting.of("format", SettingKind.STRING, "date/timestamp: java.time pattern such as yyyy-MM-dd"),
            Setting.of("from", SettingKind.STRING, "the source column or JSON key when it differs from name"));

    public static final List<Setting> SOURCE = List.of(
            Setting.of("format", SettingKind.ENUM, "file format").oneOf("csv", "jsonl", "json", "avro", "parquet").mandatory(),
            Setting.of("options", SettingKind.OBJECT, "reader options").with(SOURCE_OPTIONS.toArray(Setting[]::new)),
            Setting.of("schema", SettingKind.OBJECT, "dataset schema; inferred from the first file when absent").with(
                    Setting.of("fields", SettingKind.OBJECT_LIST, "the fields, in order").mandatory()
                            .with(FIELD.toArray(Setting[]::new))));

    public static final List<Setting> RUN = List.of(
            Setting.of("chunkRows", SettingKind.INTEGER, "maximum rows per chunk").defaultsTo(10_000).between(1, 1_000_000),
            Setting.of("maxAttempts", SettingKind.INTEGER, "attempts per stage activity").defaultsTo(3).between(1, 20),
            Setting.of("stageTimeout", SettingKind.DURATION, "time allowed for one stage activity").defaultsTo("PT10M"));

    /** Top-level keys; {@code steps} items are declared by the step types. */
    public static final List<Setting> ROOT = List.of(
            Setting.of("id", SettingKind.STRING, "pipeline id: lower-case letters, digits and '-', 2 to 63 characters").mandatory(),
            Setting.of("description", SettingKind.STRING, "free text"),
            Setting.of("source", SettingKind.OBJECT, "how files are read").mandatory().with(SOURCE.toArray(Setting[]::new)),
            Setting.of("steps", SettingKind.OBJECT_LIST, "the steps, in order").mandatory(),
            Setting.of("settings", SettingKind.OBJECT, "run settings").with(RUN.toArray(Setting[]::new)));

    /** Keys every step has besides its type's settings. */
    public static final List<Setting> STEP_COMMON = List.of(
            Setting.of("id", SettingKind.STRING, "step id, unique in the pipeline").mandatory(),
            Setting.of("type", SettingKind.STRING, "step type").mandatory(),
            Setting.of("description", SettingKind.STRING, "free text"));

    private DefinitionSettings() {
    }
}
