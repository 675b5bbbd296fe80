package com.doe.quarantine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rejected row with every reason it was rejected. Written as one JSON line:
 * {@code {"step","rule","field","value","reason","failures":[...],"source":{"blob","line"},"row":{...}}}
 * where the top-level rule, field, value and reason are those of the first failure.
 *
 * @param step     the step id that rejected the row ({@code read} for the source reader)
 * @param failures every failed rule, at least one
 * @param source   where the row came from
 * @param row      the row's values by field name (as far as they were read), never null
 */
public record QuarantineEntry(String step, List<RuleFailure> failures, SourceRef source, Map<String, Object> row) {

    public QuarantineEntry {
        Objects.requireNonNull(step, "step");
        failures = List.copyOf(failures);
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("a quarantine entry needs at least one failure");
        }
        row = row == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(row));
    }

    public static QuarantineEntry of(String step, RuleFailure failure, SourceRef source, Map<String, Object> row) {
        return new QuarantineEntry(step, List.of(failure), source, row);
    }

    public RuleFailure first() {
        return failures.get(0);
    }

    public String rule() {
        return first().rule();
    }

    public String field() {
        return first().field();
    }

    public String reason() {
        return first().reason();
    }
}
