package com.doe.api;

import com.doe.format.Field;
import com.doe.ml.Task;
import com.doe.pipeline.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of an ONNX upload ({@code POST /api/models/{name}/versions}), parsed and
 * checked: {@code inputs} (the fields fed to the model, comma-separated, in its column order),
 * {@code task}, optional {@code labels} and {@code promote}. Every problem is collected, each with
 * the parameter it concerns and a fix.
 *
 * @param problems empty when the other components are usable
 */
record OnnxUploadRequest(List<String> inputs, Task task, List<String> labels, boolean promote, List<Problem> problems) {

    /** Fields a model can take; a query string of that many names is already about 64 KiB. */
    static final int MAX_INPUTS = 4096;
    /** Classes a classification model can name. */
    static final int MAX_LABELS = 10_000;
    /** {@code code} carries the function key in Azure. */
    private static final Set<String> KNOWN = Set.of("inputs", "task", "labels", "promote", "code");

    static OnnxUploadRequest parse(Map<String, String> query) {
        List<Problem> problems = new ArrayList<>();
        query.keySet().stream().filter(k -> !KNOWN.contains(k)).sorted().forEach(k -> problems.add(new Problem(k,
                "Unknown parameter '" + k + "'.", "Use inputs, task, labels and promote.")));
        List<String> inputs = inputs(query.get("inputs"), problems);
        Task task = task(query.get("task"), problems);
        List<String> labels = list(query.get("labels"));
        if (labels.size() > MAX_LABELS || labels.stream().anyMatch(String::isEmpty) || new HashSet<>(labels).size() != labels.size()) {
            problems.add(new Problem("labels", "labels must be distinct, non-empty class names (at most " + MAX_LABELS
                    + "), comma-separated.", "Name each of the score's columns once, in column order: labels=no,yes."));
        }
        String promote = query.getOrDefault("promote", "false").toLowerCase(Locale.ROOT);
        if (!promote.equals("true") && !promote.equals("false")) {
            problems.add(new Problem("promote", "promote must be true or false, was '" + query.get("promote") + "'.",
                    "Use promote=true to make the new version latest."));
        }
        return new OnnxUploadRequest(inputs, task, labels, promote.equals("true"), problems);
    }

    private static List<String> inputs(String text, List<Problem> problems) {
        List<String> inputs = list(text);
        String fix = "List the fields fed to the model, in its column order: inputs=age,income,tenure.";
        if (inputs.isEmpty()) {
            problems.add(new Problem("inputs", "inputs is missing: DOE must know which fields to feed the model.", fix));
        } else if (inputs.size() > MAX_INPUTS) {
            problems.add(new Problem("inputs", "inputs names " + inputs.size() + " fields; at most " + MAX_INPUTS
                    + " are accepted.", "Reduce the model's inputs."));
        }
        List<String> invalid = inputs.stream().filter(f -> !Field.NAME.matcher(f).matches()).toList();
        if (!invalid.isEmpty()) {
            problems.add(new Problem("inputs", "inputs " + invalid + " are not field names (letters, digits and '_', not "
                    + "starting with a digit).", fix));
        }
        List<String> repeated = inputs.stream().filter(f -> inputs.indexOf(f) != inputs.lastIndexOf(f)).distinct().toList();
        if (!repeated.isEmpty()) {
            problems.add(new Problem("inputs", "inputs names " + repeated + " more than once.", "Name each field once."));
        }
        return inputs;
    }

    private static Task task(String text, List<Problem> problems) {
        List<String> names = Arrays.stream(Task.values()).map(Task::text).toList();
        if (text == null || !names.contains(text.toLowerCase(Locale.ROOT))) {
            problems.add(new Problem("task", (text == null ? "task is missing" : "task '" + text + "' is not known")
                    + ": it says how the model's outputs are read.", "Use task=" + String.join(", ", names) + "."));
            return null;
        }
        return Task.parse(text);
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",", -1)).map(String::trim).toList();
    }
}
