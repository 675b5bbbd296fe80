package com.doe.step.sink;

import com.doe.pipeline.Setting;
import com.doe.pipeline.SettingKind;
import com.doe.pipeline.SettingValues;
import com.doe.step.BindContext;
import com.doe.step.BoundStep;
import com.doe.step.StageKind;
import com.doe.step.StepType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code blob}: declared and checked here; executed by the Blob sink module. */
public final class BlobSinkStepType implements StepType {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final List<String> PLACEHOLDERS = List.of("pipelineId", "runId", "runDate", "chunk");

    @Override
    public String name() {
        return "blob";
    }

    @Override
    public StageKind stage() {
        return StageKind.LOAD;
    }

    @Override
    public String doc() {
        return "Writes rows as files to a Blob Storage container (csv, jsonl, avro or parquet), one file per chunk.";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("container", SettingKind.STRING, "target container").mandatory(),
                Setting.of("path", SettingKind.STRING, "path template with {pipelineId}, {runId}, {runDate}, {chunk}")
                        .defaultsTo("{pipelineId}/{runDate}/{runId}"),
                Setting.of("format", SettingKind.ENUM, "file format").oneOf("csv", "jsonl", "avro", "parquet")
                        .defaultsTo("parquet"));
    }

    @Override
    public BoundStep bind(SettingValues s, BindContext ctx) {
        Matcher m = PLACEHOLDER.matcher(s.string("path"));
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                ctx.problem(s.pointer("path"), ctx.describe() + ": unknown placeholder {" + m.group(1) + "} in path.",
                        "Use only {pipelineId}, {runId}, {runDate} and {chunk}.");
            }
        }
        return BoundStep.declaredOnly(new SinkConfig(name(), s), ctx.input());
    }
}
