package com.doe.step.sink;

import com.doe.pipeline.Setting;
import com.doe.pipeline.SettingKind;
import com.doe.pipeline.SettingValues;
import com.doe.step.BindContext;
import com.doe.step.BoundStep;
import com.doe.step.StageKind;
import com.doe.step.StepType;
import java.util.List;

/**
 * {@code neo4j}: declared and checked here (fields exist, labels and types are identifiers); executed by
 * the Neo4j sink module.
 */
public final class Neo4jStepType implements StepType {

    /** Whether a label, relationship type or property name passes validation (and may be backtick-quoted). */
    public static boolean isIdentifier(String name) {
        return name != null && SinkChecks.IDENTIFIER.matcher(name).matches();
    }

    @Override
    public String name() {
        return "neo4j";
    }

    @Override
    public StageKind stage() {
        return StageKind.LOAD;
    }

    @Override
    public String doc() {
        return "Loads rows into Neo4j as nodes (MERGE on key properties) and relationships between them; idempotent.";
    }

    @Override
    public List<Setting> settings() {
        Setting endpoint = Setting.of("from", SettingKind.OBJECT, "").with(
                Setting.of("label", SettingKind.STRING, "label of the endpoint node").mandatory(),
                Setting.of("key", SettingKind.STRING_MAP, "node key property -> record field").mandatory());
        return List.of(
                Setting.of("nodes", SettingKind.OBJECT_LIST, "nodes to merge per row").with(
                        Setting.of("label", SettingKind.STRING, "node label").mandatory(),
                        Setting.of("key", SettingKind.STRING_LIST, "record fields forming the node key").mandatory(),
                        Setting.of("properties", SettingKind.STRING_LIST_OR_MAP,
                                "fields stored as properties, or property -> field")),
                Setting.of("relationships", SettingKind.OBJECT_LIST, "relationships to merge per row").with(
                        Setting.of("type", SettingKind.STRING, "relationship type").mandatory(),
                        new Setting("from", SettingKind.OBJECT, true, null, "start node", List.of(), endpoint.children(), null, null),
                        new Setting("to", SettingKind.OBJECT, true, null, "end node", List.of(), endpoint.children(), null, null),
                        Setting.of("properties", SettingKind.STRING_LIST_OR_MAP,
                                "fields stored as relationship properties, or property -> field")),
                Setting.of("batchSize", SettingKind.INTEGER, "rows per transaction").defaultsTo(5000).between(1, 100000));
    }

    @Override
    public BoundStep bind(SettingValues s, BindContext ctx) {
        if (s.objects("nodes").isEmpty() && s.objects("relationships").isEmpty()) {
            ctx.problem(s.pointer(), ctx.describe() + " writes nothing: it has neither nodes nor relationships.",
                    "Add \"nodes\" and/or \"relationships\".");
        }
        for (SettingValues n : s.objects("nodes")) {
            SinkChecks.identifier(ctx, n.string("label"), n.pointer("label"), "label");
            SinkChecks.fields(ctx, n, "key");
            SinkChecks.fields(ctx, n, "properties");
            SinkChecks.identifiers(ctx, n, "properties", "property name");
        }
        for (SettingValues r : s.objects("relationships")) {
            SinkChecks.identifier(ctx, r.string("type"), r.pointer("type"), "relationship type");
            for (String end : List.of("from", "to")) {
                SettingValues e = r.object(end);
                SinkChecks.identifier(ctx, e.string("label"), e.pointer("label"), "label");
                SinkChecks.fields(ctx, e, "key");
                SinkChecks.identifiers(ctx, e, "key", "property name");
            }
            SinkChecks.fields(ctx, r, "properties");
            SinkChecks.identifiers(ctx, r, "properties", "property name");
        }
        return BoundStep.declaredOnly(new SinkConfig(name(), s), ctx.input());
    }
}
