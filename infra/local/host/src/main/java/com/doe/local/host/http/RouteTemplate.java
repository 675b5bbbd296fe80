package com.doe.local.host.http;

import com.doe.local.host.discovery.DiscoveryException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HTTP trigger route template as ASP.NET Core routing reads it: literal segments (matched
 * case-insensitively), {@code {name}}, {@code {name?}} (optional, last), {@code {*rest}} (catch-all,
 * last) and the constraints {@code int}, {@code long}, {@code bool}, {@code guid}, {@code alpha},
 * {@code double}, {@code decimal}, {@code float}. Immutable.
 */
public final class RouteTemplate implements Comparable<RouteTemplate> {

    private static final Set<String> CONSTRAINTS = Set.of("int", "long", "bool", "guid", "alpha", "double", "decimal", "float");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}");

    private sealed interface Segment {
        int rank();
    }

    private record Literal(String text) implements Segment {
        public int rank() {
            return 0;
        }
    }

    private record Parameter(String name, String constraint, boolean optional, boolean catchAll) implements Segment {
        public int rank() {
            return catchAll ? 4 : optional ? 3 : constraint != null ? 1 : 2;
        }
    }

    private final String text;
    private final List<Segment> segments;

    private RouteTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    public static RouteTemplate parse(String template) {
        String trimmed = template.replaceAll("^/+|/+$", "");
        List<Segment> segments = new ArrayList<>();
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.startsWith("{") && part.endsWith("}") && part.indexOf('{', 1) < 0) {
                segments.add(parameter(template, part.substring(1, part.length() - 1), last));
            } else if (part.contains("{") || part.contains("}")) {
                throw new DiscoveryException("route '" + template + "': segment '" + part
                        + "' mixes text and a parameter, which the local host does not support");
            } else if (part.isEmpty()) {
                throw new DiscoveryException("route '" + template + "' has an empty segment");
            } else {
                segments.add(new Literal(part));
            }
        }
        return new RouteTemplate(trimmed, List.copyOf(segments));
    }

    private static Parameter parameter(String template, String body, boolean last) {
        boolean catchAll = body.startsWith("*");
        String rest = body.replaceFirst("^\\*{1,2}", "");
        boolean optional = rest.endsWith("?");
        rest = optional ? rest.substring(0, rest.length() - 1) : rest;
        String constraint = null;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            constraint = rest.substring(colon + 1).toLowerCase();
            rest = rest.substring(0, colon);
            if (!CONSTRAINTS.contains(constraint)) {
                throw new DiscoveryException("route '" + template + "': constraint '" + constraint
                        + "' is not supported locally (supported: " + CONSTRAINTS + ")");
            }
        }
        if ((catchAll || optional) && !last) {
            throw new DiscoveryException("route '" + template + "': {" + body + "} must be the last segment");
        }
        if (rest.isEmpty()) {
            throw new DiscoveryException("route '" + template + "' has a parameter without a name");
        }
        return new Parameter(rest, constraint, optional, catchAll);
    }

    /** The route parameters when {@code path} (decoded segments after the prefix) matches. */
    public Optional<Map<String, String>> match(List<String> path) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        for (Segment segment : segments) {
            if (segment instanceof Literal literal) {
                if (i >= path.size() || !path.get(i).equalsIgnoreCase(literal.text())) {
                    return Optional.empty();
                }
                i++;
            } else if (segment instanceof Parameter parameter) {
                if (parameter.catchAll()) {
                    values.put(parameter.name(), String.join("/", path.subList(Math.min(i, path.size()), path.size())));
                    i = path.size();
                } else if (i < path.size()) {
                    if (!satisfies(parameter.constraint(), path.get(i))) {
                        return Optional.empty();
                    }
                    values.put(parameter.name(), path.get(i++));
                } else if (!parameter.optional()) {
                    return Optional.empty();
                }
            }
        }
        return i == path.size() ? Optional.of(values) : Optional.empty();
    }

    private static boolean satisfies(String constraint, String value) {
        if (constraint == null) {
            return true;
        }
        try {
            switch (constraint) {
                case "int" -> Integer.parseInt(value);
                case "long" -> Long.parseLong(value);
                case "double", "decimal", "float" -> Double.parseDouble(value);
                case "bool" -> {
                    return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
                }
                case "guid" -> {
                    return GUID.matcher(value).matches();
                }
                case "alpha" -> {
                    return value.chars().allMatch(Character::isLetter);
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** More specific templates first: literals before constrained parameters before plain, optional, catch-all. */
    @Override
    public int compareTo(RouteTemplate other) {
        int[] mine = ranks();
        int[] theirs = other.ranks();
        int compared = Arrays.compare(mine, theirs);
        return compared != 0 ? compared : Integer.compare(theirs.length, mine.length);
    }

    private int[] ranks() {
        return segments.stream().mapToInt(Segment::rank).toArray();
    }

    @Override
    public String toString() {
        return text;
    }
}
