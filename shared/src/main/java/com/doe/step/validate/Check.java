package com.doe.step.validate;

import com.doe.expr.CompiledExpression;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data-quality checks of a {@code validate} rule. Every check except {@link Required} passes on
 * null, as in the common data-quality libraries: combine with {@code required} to forbid nulls.
 */
public sealed interface Check {

    /** The check's name in definitions. */
    String name();

    record Required() implements Check {
        public String name() {
            return "required";
        }
    }

    /** Inclusive bounds; either may be null. */
    record Range(Double min, Double max) implements Check {
        public String name() {
            return "range";
        }
    }

    record Regex(Pattern pattern) implements Check {
        public String name() {
            return "regex";
        }
    }

    /** Allowed values, already converted to the field's type. */
    record In(Set<Object> values) implements Check {
        public String name() {
            return "in";
        }
    }

    /** Inclusive bounds on the string length; either may be null. */
    record Length(Integer min, Integer max) implements Check {
        public String name() {
            return "length";
        }
    }

    /** No two rows of the whole run share the value. */
    record Unique() implements Check {
        public String name() {
            return "unique";
        }
    }

    /** A CEL condition that must be true; null when it could not be compiled yet (unknown schema). */
    record Expression(String source, CompiledExpression compiled) implements Check {
        public String name() {
            return "expression";
        }
    }

    /** Names accepted in definitions. */
    java.util.List<String> NAMES = java.util.List.of("required", "range", "regex", "in", "length", "unique", "expression");
}
