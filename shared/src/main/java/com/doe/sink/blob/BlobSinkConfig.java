package com.doe.sink.blob;

import com.doe.pipeline.SettingValues;
import com.doe.sink.RunContext;
import com.doe.step.sink.SinkConfig;

/**
 * The typed settings of a {@code blob} step (declared in {@link com.doe.step.sink.BlobSinkStepType}).
 *
 * @param container the target container, created when missing
 * @param path      the path template: {@code {pipelineId}}, {@code {runId}}, {@code {runDate}} ({@code yyyy-MM-dd}),
 *                  {@code {chunk}} (5 digits)
 * @param format    the file format
 */
public record BlobSinkConfig(String container, String path, FileFormat format) {

    public static BlobSinkConfig from(SinkConfig config) {
        SettingValues s = config.settings();
        return new BlobSinkConfig(s.string("container"), s.string("path"), FileFormat.of(s.string("format")));
    }

    /**
     * The blob name of one chunk's file. With {@code {chunk}} in the template, the template names the file
     * and the extension is appended; without it, the template names a folder holding
     * {@code part-{chunk}.{ext}}. Either way one chunk of one run always maps to one name.
     */
    public String blobName(RunContext run, int chunk) {
        String index = String.format("%05d", chunk);
        String rendered = path.replace("{pipelineId}", run.pipelineId()).replace("{runId}", run.runId())
                .replace("{runDate}", run.runDate().toString()).replace("{chunk}", index);
        rendered = trimSlashes(rendered);
        String ext = "." + format.extension();
        if (path.contains("{chunk}")) {
            // "{chunk}.csv" already names the format's extension: it is not added a second time.
            return rendered.toLowerCase(java.util.Locale.ROOT).endsWith(ext) ? rendered : rendered + ext;
        }
        return (rendered.isEmpty() ? "" : rendered + "/") + "part-" + index + ext;
    }

    private static String trimSlashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }
}
