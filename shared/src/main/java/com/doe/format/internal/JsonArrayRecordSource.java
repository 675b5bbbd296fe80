package com.doe.format.internal;

import com.doe.DoeException;
import com.doe.format.DatasetSchema;
import com.doe.format.ReadItem;
import com.doe.format.RecordSource;
import com.doe.quarantine.SourceRef;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Streams a JSON array of objects element by element with Jackson's streaming parser; a row's
 * location is the line where its object starts. Broken JSON syntax cannot be resynchronised: it is
 * reported as the last item.
 */
public final class JsonArrayRecordSource implements RecordSource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String blob;
    private final JsonParser parser;
    private final RowDecoder decoder;
    private final JsonValues values;
    private final Object[] raw;
    private boolean started;
    private boolean done;

    public JsonArrayRecordSource(String blob, InputStream in, Charset charset, DatasetSchema schema) {
        this.blob = blob;
        try {
            this.parser = MAPPER.getFactory().createParser(new InputStreamReader(in, charset));
        } catch (IOException e) {
            throw new DoeException("Could not open '" + blob + "': " + e.getMessage(), e);
        }
        this.decoder = new RowDecoder(schema);
        this.values = new JsonValues(schema);
        this.raw = new Object[schema.size()];
    }

    @Override
    public ReadItem next() {
        if (done) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                JsonToken first = parser.nextToken();
                if (first == null) {
                    done = true;
                    return null;
                }
                if (first != JsonToken.START_ARRAY) {
                    done = true;
                    return RowDecoder.malformed("json", "a json source must be one array of objects [{...}, ...]; "
                            + "for one object per line use format jsonl", SourceRef.line(blob, 1), Map.of());
                }
            }
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
                done = true;
                return null;
            }
            SourceRef where = SourceRef.line(blob, parser.currentTokenLocation().getLineNr());
            JsonNode node = MAPPER.readTree(parser);
            if (!node.isObject()) {
                return RowDecoder.malformed("json", "array element is not an object: " + JsonLinesRecordSource.abbreviate(
                        node.toString()), where, Map.of());
            }
            values.fill(node, raw);
            return decoder.decode(raw, where);
        } catch (JsonProcessingException e) {
            done = true;
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            return RowDecoder.malformed("json", "invalid JSON, the rest of the file cannot be read: "
                    + e.getOriginalMessage(), SourceRef.line(blob, line), Map.of());
        } catch (IOException e) {
            throw new DoeException("Could not read '" + blob + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new DoeException("Could not close '" + blob + "'", e);
        }
    }
}
