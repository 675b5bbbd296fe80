package com.doe.expr;

import com.doe.format.DatasetSchema;
import com.doe.format.Field;
import com.doe.format.FieldType;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Compiles CEL expressions over the rows of one dataset schema. Fields are variables named
 * {@code row.<field>}: {@code string} is CEL string, {@code long} int, {@code double} double,
 * {@code boolean} bool, {@code timestamp} google.protobuf.Timestamp; {@code decimal} is read as
 * double and {@code date} as its {@code yyyy-MM-dd} text (so dates compare correctly as strings).
 * Fields may be null: compare with {@code row.x == null}; arithmetic on a null value is an
 * evaluation error for that row.
 *
 * <p>Build one per schema; thread-safe.
 */
public final class ExpressionCompiler {

    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final CelCompiler compiler;
    private final Map<String, Integer> positions = new HashMap<>();

    public ExpressionCompiler(DatasetSchema schema) {
        CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder();
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.field(i);
            b.addVar("row." + f.name(), celType(f.type()));
            positions.put("row." + f.name(), i);
        }
        this.compiler = b.build();
    }

    /** Only checks the syntax, for definitions whose schema is not known yet. */
    public static String syntaxError(String source) {
        try {
            CelCompilerFactory.standardCelCompilerBuilder().build().parse(source).getAst();
            return null;
        } catch (CelValidationException e) {
            return describe(e);
        }
    }

    /**
     * Compiles and type-checks {@code source}.
     *
     * @param mustBeBoolean whether the result has to be a bool (filters and expression checks)
     */
    public Compilation compile(String source, boolean mustBeBoolean) {
        CelAbstractSyntaxTree ast;
        try {
            ast = compiler.compile(source).getAst();
        } catch (CelValidationException e) {
            return new Compilation.Failed(describe(e));
        }
        FieldType type = fieldType(ast.getResultType());
        if (mustBeBoolean && type != FieldType.BOOLEAN) {
            return new Compilation.Failed("the expression gives " + ast.getResultType().name()
                    + ", but a condition must give true or false (a bool)");
        }
        if (type == null) {
            return new Compilation.Failed("the expression gives " + ast.getResultType().name()
                    + "; a field can hold string, int, double, bool or timestamp results");
        }
        try {
            return new Compilation.Compiled(new CompiledExpression(source, RUNTIME.createProgram(ast), Map.copyOf(positions), type));
        } catch (CelEvaluationException e) {
            return new Compilation.Failed(e.getMessage());
        }
    }

    private static String describe(CelValidationException e) {
        StringBuilder sb = new StringBuilder();
        for (CelIssue issue : e.getErrors()) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append("at column ").append(issue.getSourceLocation().getColumn() + 1).append(": ")
                    .append(issue.getMessage().replace("undeclared reference to 'row'", "unknown field (undeclared reference to 'row')"));
        }
        return sb.toString();
    }

    private static CelType celType(FieldType t) {
        if (t instanceof FieldType.Decimal) {
            return NullableType.create(SimpleType.DOUBLE);
        }
        return switch ((FieldType.Simple) t) {
            case STRING, DATE -> NullableType.create(SimpleType.STRING);
            case LONG -> NullableType.create(SimpleType.INT);
            case DOUBLE -> NullableType.create(SimpleType.DOUBLE);
            case BOOLEAN -> NullableType.create(SimpleType.BOOL);
            case TIMESTAMP -> SimpleType.TIMESTAMP;
        };
    }

    private static FieldType fieldType(CelType t) {
        CelType u = t instanceof NullableType n ? n.targetType() : t;
        CelKind k = u.kind();
        return switch (k) {
            case STRING -> FieldType.STRING;
            case INT, UINT -> FieldType.LONG;
            case DOUBLE -> FieldType.DOUBLE;
            case BOOL -> FieldType.BOOLEAN;
            case TIMESTAMP -> FieldType.TIMESTAMP;
            default -> null;
        };
    }
}
