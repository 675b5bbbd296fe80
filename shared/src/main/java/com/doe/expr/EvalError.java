package com.doe.expr;

/**
 * An expression that could not be evaluated for one row (typically a null operand), as a value.
 *
 * @param message CEL's explanation
 */
public record EvalError(String message) {
}
