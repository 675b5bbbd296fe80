package com.doe.expr;

import com.doe.format.FieldType;
import com.google.protobuf.Timestamp;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A CEL expression compiled and type-checked against one dataset schema. Evaluation reads the row's
 * values by position; nothing is parsed per row. Immutable and thread-safe.
 */
public final class CompiledExpression {

    private final String source;
    private final CelRuntime.Program program;
    private final Map<String, Integer> positions;
    private final FieldType resultType;

    CompiledExpression(String source, CelRuntime.Program program, Map<String, Integer> positions, FieldType resultType) {
        this.source = source;
        this.program = program;
        this.positions = positions;
        this.resultType = resultType;
    }

    public String source() {
        return source;
    }

    /** The type of the result as a dataset field type (CEL int is long; bool is boolean). */
    public FieldType resultType() {
        return resultType;
    }

    /**
     * Evaluates against a row whose values are aligned with the schema the expression was compiled
     * for. Returns the value (String, Long, Double, Boolean, Instant, or null), or an {@link EvalError}.
     */
    public Object eval(Object[] row) {
        CelVariableResolver resolver = name -> {
            Integer i = positions.get(name);
            return i == null ? Optional.empty() : Optional.of(toCel(row[i]));
        };
        try {
            return fromCel(program.eval(resolver));
        } catch (CelEvaluationException e) {
            return new EvalError(e.getMessage());
        }
    }

    /** Evaluates a boolean expression: TRUE, FALSE, or an {@link EvalError} (also for a null result). */
    public Object test(Object[] row) {
        Object v = eval(row);
        if (v instanceof Boolean || v instanceof EvalError) {
            return v;
        }
        return new EvalError("expression '" + source + "' gave " + v + " instead of true or false");
    }

    private static Object toCel(Object v) {
        if (v == null) {
            return NullValue.NULL_VALUE;
        }
        if (v instanceof BigDecimal b) {
            return b.doubleValue();
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof Instant i) {
            return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
        }
        return v;
    }

    private static Object fromCel(Object v) {
        if (v instanceof NullValue) {
            return null;
        }
        if (v instanceof Timestamp t) {
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }
}
