package com.doe.format;

/**
 * The result of a coercion that failed: bad data as a value, carrying the reason in plain words.
 *
 * @param value  the value as found in the source
 * @param reason why it does not fit the field, e.g. "'abc' is not a number"
 */
public record InvalidValue(Object value, String reason) {
}
