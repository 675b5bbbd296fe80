package com.doe.format.internal;

import com.doe.DoeException;
import com.doe.format.DatasetSchema;
import com.doe.format.ReadItem;
import com.doe.format.RecordSource;
import com.doe.format.SourceOptions;
import com.doe.quarantine.SourceRef;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Streams a CSV file with FastCSV; locations are the physical line where a record starts. */
public final class CsvRecordSource implements RecordSource {

    private final String blob;
    private final RowDecoder decoder;
    private final CsvReader<CsvRecord> csv;
    private final CloseableIterator<CsvRecord> rows;
    private final int[] columnOfField;
    private final int columns;
    private final Object[] raw;
    private boolean broken;

    public CsvRecordSource(String blob, InputStream in, SourceOptions options, DatasetSchema schema) {
        this.blob = blob;
        this.decoder = new RowDecoder(schema);
        Reader reader = new InputStreamReader(in, options.encoding());
        this.csv = CsvReader.builder()
                .fieldSeparator(options.delimiter())
                .quoteCharacter(options.quote())
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .detectBomHeader(true)
                .ofCsvRecord(reader);
        this.rows = csv.iterator();
        this.raw = new Object[schema.size()];
        this.columnOfField = new int[schema.size()];
        if (options.header()) {
            if (!rows.hasNext()) {
                this.columns = 0;
                return;
            }
            List<String> header = rows.next().getFields();
            this.columns = header.size();
            for (int i = 0; i < schema.size(); i++) {
                String want = schema.field(i).sourceName();
                int col = header.indexOf(want);
                if (col < 0) {
                    col = indexIgnoringCase(header, want);
                }
                if (col < 0) {
                    close();
                    throw new DoeException("File '" + blob + "' has no column '" + want + "' for field '"
                            + schema.field(i).name() + "' (header columns: " + header + "). Fix the header, or set \"from\" "
                            + "on the field to the column's exact name, or remove the field from source.schema.");
                }
                columnOfField[i] = col;
            }
        } else {
            this.columns = schema.size();
            for (int i = 0; i < schema.size(); i++) {
                columnOfField[i] = i;
            }
        }
    }

    private static int indexIgnoringCase(List<String> header, String want) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(want)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public ReadItem next() {
        if (broken) {
            return null;
        }
        CsvRecord rec;
        try {
            if (!rows.hasNext()) {
                return null;
            }
            rec = rows.next();
        } catch (CsvParseException e) {
            broken = true;
            return RowDecoder.malformed("parse", "the CSV cannot be parsed from here on (" + rootMessage(e)
                    + "); look for an unterminated quote", SourceRef.line(blob, -1), Map.of());
        } catch (java.io.UncheckedIOException e) {
            throw new DoeException("Could not read '" + blob + "': " + e.getMessage(), e);
        }
        SourceRef where = SourceRef.line(blob, rec.getStartingLineNumber());
        int count = rec.getFieldCount();
        if (count != columns) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                row.put("column" + (i + 1), rec.getField(i));
            }
            return RowDecoder.malformed("columns", "expected " + columns + " columns, found " + count
                    + " (check the delimiter and quoting of this line)", where, row);
        }
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rec.getField(columnOfField[i]);
        }
        return decoder.decode(raw, where);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new DoeException("Could not close '" + blob + "'", e);
        }
    }
}
