package com.doe.schema;

import com.doe.schema.CompatibilityProblem.Side;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/** Plain-words sentences for Avro's incompatibility types: what changed, who breaks, how to fix. */
final class ProblemWording {

    private static final String PROMOTIONS =
            "Avro only widens int to long, float or double, long to float or double, float to double, and converts string and bytes";

    private ProblemWording() {
    }

    static String describe(Incompatibility problem, String path, Side side, int version) {
        Schema reader = problem.getReaderFragment();
        Schema writer = problem.getWriterFragment();
        // The existing version's side and the new schema's side of the comparison.
        Schema before = side == Side.NEW_READER ? writer : reader;
        Schema after = side == Side.NEW_READER ? reader : writer;
        String who = side == Side.NEW_READER
                ? "consumers using the new schema cannot read events written with version " + version
                : "consumers using version " + version + " can no longer read new events";
        String subject = path.isEmpty() ? "record `" + reader.getFullName() + "`" : "field `" + path + "`";
        return switch (problem.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> missingDefault(reader, problem.getMessage(), path, side, who);
            case TYPE_MISMATCH -> subject + " changed type from " + typeName(before) + " to " + typeName(after) + ": "
                    + who + "; " + PROMOTIONS + ", so keep " + typeName(before)
                    + " or add a field with a new name and a default";
            case NAME_MISMATCH -> "type `" + before.getFullName() + "` at " + subject + " was renamed to `"
                    + after.getFullName() + "`: " + who + "; " + (side == Side.NEW_READER
                    ? "add \"aliases\": [\"" + before.getFullName() + "\"] to the renamed type, or keep the old name"
                    : "keep the name `" + before.getFullName() + "`, which version " + version + " expects");
            case MISSING_ENUM_SYMBOLS -> side == Side.NEW_READER
                    ? "enum " + subject + " (" + reader.getName() + ") dropped symbols " + problem.getMessage()
                            + " that events written with version " + version + " may carry: " + who
                            + "; keep those symbols, or give the enum a \"default\" symbol"
                    : "enum " + subject + " (" + reader.getName() + ") gained symbols " + problem.getMessage()
                            + " and version " + version + " has no \"default\" symbol: " + who
                            + " that carry them; first register a version whose enum has a \"default\" symbol"
                            + " and upgrade consumers, then add symbols";
            case MISSING_UNION_BRANCH -> missingBranch(problem, subject, before, after, side, version, who);
            case FIXED_SIZE_MISMATCH -> "fixed " + subject + " (" + reader.getName() + ") changed size from "
                    + before.getFixedSize() + " to " + after.getFixedSize() + " bytes: " + who
                    + "; keep the size, or add a field with a new name and a default";
        };
    }

    private static String missingDefault(Schema readerRecord, String fieldName, String path, Side side, String who) {
        Schema.Field field = readerRecord.getField(fieldName);
        String type = field == null ? "unknown type" : typeName(field.schema());
        String name = path.isEmpty() ? fieldName : path;
        if (side == Side.NEW_READER) {
            return "field `" + name + "` (" + type + ") was added without a default: " + who
                    + ", which do not have it; give `" + name + "` a default (for an optional field: type [null, "
                    + type + "] with default null)";
        }
        return "field `" + name + "` (" + type + ") was removed without a default: " + who
                + "; keep the field, or first register a version that gives it a default and upgrade consumers";
    }

    private static String missingBranch(Incompatibility problem, String subject, Schema before, Schema after,
            Side side, int version, String who) {
        Schema writer = problem.getWriterFragment();
        String branch = problem.getMessage().replaceFirst("^reader union lacking writer type: ", "").toLowerCase();
        if (writer.getType() != Schema.Type.UNION) {
            branch = typeName(writer);
        }
        return side == Side.NEW_READER
                ? subject + " changed type from " + typeName(before) + " to " + typeName(after)
                        + ", which has no branch for " + branch + ": " + who + " that hold a " + branch
                        + "; keep " + branch + " in the type"
                : subject + " changed type from " + typeName(before) + " to " + typeName(after)
                        + ", which adds " + branch + " that version " + version + " cannot read: " + who
                        + " that hold a " + branch + "; leave it out, or first add it to the consumers' schema";
    }

    /** A short type name: {@code long (timestamp-millis)}, {@code [null, string]}, {@code array<string>}. */
    static String typeName(Schema schema) {
        return switch (schema.getType()) {
            case UNION -> schema.getTypes().stream().map(ProblemWording::typeName)
                    .collect(Collectors.joining(", ", "[", "]"));
            case ARRAY -> "array<" + typeName(schema.getElementType()) + ">";
            case MAP -> "map<" + typeName(schema.getValueType()) + ">";
            case RECORD, ENUM, FIXED -> schema.getName();
            default -> {
                LogicalType logical = schema.getLogicalType();
                String base = schema.getType().getName();
                yield logical == null ? base : base + " (" + logical.getName() + ")";
            }
        };
    }
}
