package com.doe.format.internal;

import com.doe.DoeException;
import com.doe.format.DatasetSchema;
import com.doe.format.ReadItem;
import com.doe.format.RecordSource;
import com.doe.quarantine.SourceRef;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Map;

/** Streams JSON Lines: one object per physical line; blank lines are skipped but counted. */
public final class JsonLinesRecordSource implements RecordSource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String blob;
    private final BufferedReader reader;
    private final RowDecoder decoder;
    private final JsonValues values;
    private final Object[] raw;
    private long line;

    public JsonLinesRecordSource(String blob, InputStream in, Charset charset, DatasetSchema schema) {
        this.blob = blob;
        this.reader = new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
        this.decoder = new RowDecoder(schema);
        this.values = new JsonValues(schema);
        this.raw = new Object[schema.size()];
    }

    @Override
    public ReadItem next() {
        String text;
        try {
            do {
                text = reader.readLine();
                line++;
            } while (text != null && text.isBlank());
        } catch (IOException e) {
            throw new DoeException("Could not read '" + blob + "' after line " + line + ": " + e.getMessage(), e);
        }
        if (text == null) {
            return null;
        }
        SourceRef where = SourceRef.line(blob, line);
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return RowDecoder.malformed("json", "invalid JSON: " + e.getOriginalMessage(), where,
                    Map.of("text", abbreviate(text)));
        }
        if (!node.isObject()) {
            return RowDecoder.malformed("json", "expected a JSON object, found " + node.getNodeType().name().toLowerCase(),
                    where, Map.of("text", abbreviate(text)));
        }
        values.fill(node, raw);
        return decoder.decode(raw, where);
    }

    static String abbreviate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000) + "...";
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new DoeException("Could not close '" + blob + "'", e);
        }
    }
}
