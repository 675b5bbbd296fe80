package com.doe.schema;

import java.util.List;
import org.apache.avro.Schema;

/**
 * Turns the JSON-pointer location of an Avro incompatibility ({@code /fields/3/type/items/fields/0})
 * into a field path users recognise ({@code ruleFailures[].rule}), by walking the reader schema.
 */
final class FieldPaths {

    private FieldPaths() {
    }

    static String resolve(Schema reader, String location, String prefix) {
        StringBuilder path = new StringBuilder(prefix);
        Schema current = reader;
        List<String> tokens = tokens(location);
        for (int i = 0; i < tokens.size() && current != null; i++) {
            switch (tokens.get(i)) {
                case "fields" -> {
                    Schema record = unwrap(current, Schema.Type.RECORD);
                    int position = i + 1 < tokens.size() ? parseIndex(tokens.get(++i)) : -1;
                    if (record == null || position < 0 || position >= record.getFields().size()) {
                        return path.toString();
                    }
                    Schema.Field field = record.getFields().get(position);
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(field.name());
                    current = field.schema();
                }
                case "items" -> {
                    current = unwrap(current, Schema.Type.ARRAY);
                    path.append("[]");
                    current = current == null ? null : current.getElementType();
                }
                case "values" -> {
                    current = unwrap(current, Schema.Type.MAP);
                    path.append("{}");
                    current = current == null ? null : current.getValueType();
                }
                case "name", "symbols", "size" -> {
                    return path.toString();
                }
                default -> {
                    // "type", and writer union branch indexes: the reader position does not move.
                }
            }
        }
        return path.toString();
    }

    private static List<String> tokens(String location) {
        if (location == null || location.isEmpty() || location.equals("/")) {
            return List.of();
        }
        return java.util.Arrays.stream(location.substring(1).split("/", -1))
                .map(token -> token.replace("~1", "/").replace("~0", "~"))
                .filter(token -> !token.isEmpty())
                .toList();
    }

    private static Schema unwrap(Schema schema, Schema.Type type) {
        if (schema.getType() == type) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() == type) {
                    return branch;
                }
            }
        }
        return null;
    }

    private static int parseIndex(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException notAnIndex) {
            return -1;
        }
    }
}
