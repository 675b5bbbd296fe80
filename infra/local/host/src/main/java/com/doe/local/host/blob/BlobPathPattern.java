package com.doe.local.host.blob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blob path with {@code {name}} parameters, as in {@code @BlobTrigger(path = "landing/{pipelineId}/{name}")}
 * (the part after the container). Parameters match at least one character; all but the last stop at
 * the first {@code /}, the last takes the rest, so {@code {pipelineId}/{name}} splits
 * {@code p1/in/a.csv} into {@code p1} and {@code in/a.csv}. Immutable.
 */
public final class BlobPathPattern {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^{}]+)}");

    private final String text;
    private final Pattern regex;
    private final List<String> names;

    private BlobPathPattern(String text, Pattern regex, List<String> names) {
        this.text = text;
        this.regex = regex;
        this.names = names;
    }

    public static BlobPathPattern parse(String pattern) {
        Matcher matcher = PARAMETER.matcher(pattern);
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(pattern.substring(last, matcher.start())));
            names.add(matcher.group(1));
            regex.append("\u0000");
            last = matcher.end();
        }
        regex.append(Pattern.quote(pattern.substring(last)));
        String compiled = regex.toString();
        int count = names.size();
        for (int i = 0; i < count; i++) {
            compiled = compiled.replaceFirst("\u0000", i == count - 1 ? "(.+)" : "([^/]+)");
        }
        return new BlobPathPattern(pattern, Pattern.compile(compiled), List.copyOf(names));
    }

    /** The literal start of the pattern: list blobs with this prefix. */
    public String prefix() {
        int brace = text.indexOf('{');
        return brace < 0 ? text : text.substring(0, brace);
    }

    /** The parameter values when the blob name matches. */
    public Optional<Map<String, String>> match(String blobName) {
        Matcher matcher = regex.matcher(blobName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), matcher.group(i + 1));
        }
        return Optional.of(values);
    }

    /**
     * Fills an output path's {@code {name}} expressions from trigger metadata, plus {@code {rand-guid}}.
     *
     * @throws IllegalArgumentException naming the expression that has no value
     */
    public static String expand(String path, Map<String, Object> metadata) {
        Matcher matcher = PARAMETER.matcher(path);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value;
            if (name.equalsIgnoreCase("rand-guid")) {
                value = UUID.randomUUID();
            } else {
                value = metadata.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(Map.Entry::getValue).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("path '" + path + "': no trigger metadata named '"
                                + name + "' for {" + name + "}"));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
