package com.doe.step.enrich;

import com.doe.DoeException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses reference datasets: CSV with a header, or JSON Lines; all values become text. */
public final class ReferenceParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReferenceParser() {
    }

    public static List<Map<String, String>> parse(String name, InputStream in) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new DoeException("Reference dataset '" + name + "' line " + n + " is not valid JSON: " + e.getMessage(), e);
                }
                Map<String, String> row = new LinkedHashMap<>();
                o.fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().isNull() ? null
                        : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                rows.add(row);
            }
            return rows;
        }
        if (!name.endsWith(".csv")) {
            throw new DoeException("Reference dataset '" + name + "' must be a .csv (with a header) or .jsonl file.");
        }
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ignoreDifferentFieldCount(true).detectBomHeader(true)
                .ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Iterator<CsvRecord> it = csv.iterator();
            if (!it.hasNext()) {
                return rows;
            }
            List<String> header = it.next().getFields();
            while (it.hasNext()) {
                CsvRecord rec = it.next();
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < rec.getFieldCount() ? rec.getField(i) : null);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
