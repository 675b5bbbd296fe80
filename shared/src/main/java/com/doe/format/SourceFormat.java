package com.doe.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The file formats a pipeline can read. */
public enum SourceFormat {
    /** Delimited text; options {@code delimiter}, {@code quote}, {@code header}, {@code encoding}. */
    CSV(true),
    /** One JSON object per line. */
    JSONL(true),
    /** One JSON array of objects. */
    JSON(true),
    /** An Avro object container file. */
    AVRO(false),
    /** An Apache Parquet file. */
    PARQUET(false);

    private final boolean text;

    SourceFormat(boolean text) {
        this.text = text;
    }

    /** Whether rows are located by physical line (text) or by record index (binary). */
    public boolean isText() {
        return text;
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SourceFormat> parse(String name) {
        return Arrays.stream(values()).filter(f -> f.text().equals(name)).findFirst();
    }

    /** The format a file name's extension suggests ({@code .csv}, {@code .jsonl}/{@code .ndjson}, ...). */
    public static Optional<SourceFormat> fromFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt")) {
            return Optional.of(CSV);
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        }
        if (n.endsWith(".json")) {
            return Optional.of(JSON);
        }
        if (n.endsWith(".avro")) {
            return Optional.of(AVRO);
        }
        if (n.endsWith(".parquet")) {
            return Optional.of(PARQUET);
        }
        return Optional.empty();
    }
}
