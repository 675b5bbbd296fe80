package com.doe.step.enrich;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference dataset in memory: rows of column name to text value, indexed on demand by key columns.
 * Immutable after construction; thread-safe.
 *
 * @param name    the dataset name
 * @param version an ETag or other version marker; a new version means reload
 * @param rows    the rows
 */
public record ReferenceTable(String name, String version, List<Map<String, String>> rows) {

    public ReferenceTable {
        rows = List.copyOf(rows);
    }

    /** Index from the joined values of {@code columns} to the first row holding them. */
    public Map<List<String>, Map<String, String>> index(List<String> columns) {
        Map<List<String>, Map<String, String>> index = new HashMap<>();
        for (Map<String, String> row : rows) {
            List<String> key = columns.stream().map(row::get).toList();
            index.putIfAbsent(key, row);
        }
        return index;
    }

    public boolean hasColumn(String column) {
        return !rows.isEmpty() && rows.get(0).containsKey(column);
    }
}
