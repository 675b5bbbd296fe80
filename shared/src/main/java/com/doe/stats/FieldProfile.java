package com.doe.stats;

/**
 * Profile of one field over the rows seen.
 *
 * @param field          the field
 * @param count          rows seen
 * @param nulls          rows where the field was null
 * @param min            smallest non-null value (natural order; strings in Unicode code point order), or null
 * @param max            largest non-null value, or null
 * @param approxDistinct approximate number of distinct non-null values (HyperLogLog, about 1.6% standard error)
 */
public record FieldProfile(String field, long count, long nulls, Object min, Object max, long approxDistinct) {
}
