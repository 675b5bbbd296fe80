package com.doe.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered fields of a dataset at one point of a pipeline. Immutable; each step that changes the
 * shape of rows produces a new schema.
 */
public record DatasetSchema(List<Field> fields) {

    public DatasetSchema {
        fields = List.copyOf(fields);
    }

    public static DatasetSchema of(Field... fields) {
        return new DatasetSchema(List.of(fields));
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    /** Position of the named field, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<Field> find(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(fields.get(i));
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /** Map from field name to position. */
    public Map<String, Integer> positions() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            map.put(fields.get(i).name(), i);
        }
        return Collections.unmodifiableMap(map);
    }

    /** A copy with the field at {@code index} replaced. */
    public DatasetSchema replace(int index, Field field) {
        List<Field> copy = new ArrayList<>(fields);
        copy.set(index, field);
        return new DatasetSchema(copy);
    }

    /** A copy with {@code field} appended, or replacing the field of the same name in place. */
    public DatasetSchema put(Field field) {
        int i = indexOf(field.name());
        if (i >= 0) {
            return replace(i, field);
        }
        List<Field> copy = new ArrayList<>(fields);
        copy.add(field);
        return new DatasetSchema(copy);
    }

    /** A copy without the named field. */
    public DatasetSchema without(String name) {
        return new DatasetSchema(fields.stream().filter(f -> !f.name().equals(name)).toList());
    }
}
