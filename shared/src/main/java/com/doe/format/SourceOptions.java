package com.doe.format;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reader options from {@code source.options}. Only CSV uses {@code delimiter}, {@code quote} and
 * {@code header}; text formats use {@code encoding}.
 *
 * @param delimiter field separator, default {@code ,}
 * @param quote     quote character, default {@code "}
 * @param header    whether the first CSV line names the columns (default true); without a header,
 *                  columns are matched to schema fields by position
 * @param encoding  character set of text files, default UTF-8
 */
public record SourceOptions(char delimiter, char quote, boolean header, Charset encoding) {

    public static final SourceOptions DEFAULTS = new SourceOptions(',', '"', true, StandardCharsets.UTF_8);
}
