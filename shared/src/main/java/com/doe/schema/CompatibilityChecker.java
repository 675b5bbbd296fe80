package com.doe.schema;

import com.doe.schema.CompatibilityProblem.Side;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Decides whether a new schema may join a subject, using Avro's own
 * {@link SchemaCompatibility} checker (the same rules Avro applies when it resolves a writer
 * schema to a reader schema), and explains each problem in plain words.
 *
 * <p>Stateless and thread-safe.
 */
public final class CompatibilityChecker {

    /**
     * The problems that keep {@code candidate} out of a subject under {@code mode}.
     *
     * @param registered the subject's versions, oldest first; may be empty
     * @return one problem per incompatibility and compared version; empty when compatible
     */
    public List<CompatibilityProblem> check(Schema candidate, List<RegisteredSchema> registered, CompatibilityMode mode) {
        if (mode == CompatibilityMode.NONE || registered.isEmpty()) {
            return List.of();
        }
        List<RegisteredSchema> targets = new ArrayList<>(mode.isTransitive()
                ? registered
                : List.of(registered.get(registered.size() - 1)));
        java.util.Collections.reverse(targets);
        List<CompatibilityProblem> problems = new ArrayList<>();
        for (RegisteredSchema existing : targets) {
            if (mode.checksBackward()) {
                explain(candidate, existing.schema(), "", Side.NEW_READER, existing.version(), problems);
            }
            if (mode.checksForward()) {
                explain(existing.schema(), candidate, "", Side.OLD_READER, existing.version(), problems);
            }
        }
        return List.copyOf(problems);
    }

    private void explain(Schema reader, Schema writer, String prefix, Side side, int version,
            List<CompatibilityProblem> out) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            String path = FieldPaths.resolve(reader, incompatibility.getLocation(), prefix);
            if (!drillIntoUnionBranch(incompatibility, path, side, version, out)) {
                out.add(new CompatibilityProblem(path.isEmpty() ? reader.getFullName() : path, side, version,
                        ProblemWording.describe(incompatibility, path, side, version)));
            }
        }
    }

    /**
     * Avro reports a changed record inside a union ({@code ["null", Error]}) only as a missing
     * union branch. When both sides have a branch of the same name, compare those two branches
     * instead, so the message names the field inside the record that changed.
     */
    private boolean drillIntoUnionBranch(Incompatibility incompatibility, String path, Side side, int version,
            List<CompatibilityProblem> out) {
        if (incompatibility.getType() != SchemaCompatibility.SchemaIncompatibilityType.MISSING_UNION_BRANCH) {
            return false;
        }
        Schema readerUnion = incompatibility.getReaderFragment();
        Schema writerBranch = writerBranch(incompatibility);
        if (readerUnion.getType() != Schema.Type.UNION || writerBranch == null || !isNamed(writerBranch)) {
            return false;
        }
        for (Schema readerBranch : readerUnion.getTypes()) {
            if (isNamed(readerBranch) && readerBranch.getType() == writerBranch.getType()
                    && (readerBranch.getFullName().equals(writerBranch.getFullName())
                    || readerBranch.getAliases().contains(writerBranch.getFullName()))) {
                int before = out.size();
                explain(readerBranch, writerBranch, path, side, version, out);
                return out.size() > before;
            }
        }
        return false;
    }

    private static Schema writerBranch(Incompatibility incompatibility) {
        Schema writer = incompatibility.getWriterFragment();
        if (writer.getType() != Schema.Type.UNION) {
            return writer;
        }
        String location = incompatibility.getLocation();
        String last = location.substring(location.lastIndexOf('/') + 1);
        try {
            int index = Integer.parseInt(last);
            return index < writer.getTypes().size() ? writer.getTypes().get(index) : null;
        } catch (NumberFormatException notAnIndex) {
            return null;
        }
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }
}
