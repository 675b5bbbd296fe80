package com.doe.quarantine;

/**
 * One failed rule of one row.
 *
 * @param rule   the rule id (a validate rule's {@code id}, or its check name such as {@code range};
 *               {@code parse}, {@code columns}, {@code json}, {@code type} for reader failures)
 * @param field  the field concerned, or null for row-level rules
 * @param value  the offending value as found, or null
 * @param reason plain words: what is wrong and, where it helps, what was expected
 */
public record RuleFailure(String rule, String field, Object value, String reason) {
}
