package com.doe.step.validate;

/**
 * One rule of a {@code validate} step.
 *
 * @param id       the rule's id in quarantine entries and stats: the given {@code id}, or
 *                 {@code check:field} (e.g. {@code range:latitude})
 * @param field    the checked field, or null for expression rules without a field
 * @param check    what is checked
 * @param warnOnly severity {@code warn}: failures are counted, the row passes
 * @param message  optional reason to show instead of the generated one
 */
public record Rule(String id, String field, Check check, boolean warnOnly, String message) {
}
