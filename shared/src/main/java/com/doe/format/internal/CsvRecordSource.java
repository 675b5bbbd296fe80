package com.doe.format.internal;

import com.doe.DoeException;
import com.doe.format.DatasetSchema;
import com.doe.format.ReadItem;
import com.doe.format.RecordSource;
import com.doe.format.SourceOptions;
import com.doe.format.TypedRow;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.SourceRef;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a CSV file; locations are the physical line where a record starts. Fields come as UTF-8
 * slices of one buffer ({@link CsvCursor}): from {@link CsvTokenizer} for UTF-8 files with ASCII
 * delimiter and quote (nearly all), else from FastCSV over the decoded characters. {@link #readInto}
 * types them straight from the buffer, and only a record that {@link #next()} returns, or a rejected
 * row, becomes Strings.
 */
public final class CsvRecordSource implements RecordSource {

    private final String blob;
    private final RowDecoder decoder;
    private final TextFieldDecoder text;
    private final CsvCursor csv;
    private final int[] columnOfField;
    private final int columns;
    private boolean broken;
    private ReadItem.Malformed brokenItem;

    public CsvRecordSource(String blob, InputStream in, SourceOptions options, DatasetSchema schema) {
        this(blob, open(blob, in, options), options, schema);
    }

    /** Over the records of {@code csv} (tests read a file through each kind of cursor). */
    CsvRecordSource(String blob, CsvCursor csv, SourceOptions options, DatasetSchema schema) {
        this.blob = blob;
        this.decoder = new RowDecoder(schema);
        this.text = new TextFieldDecoder(schema);
        this.csv = csv;
        this.columnOfField = new int[schema.size()];
        if (options.header()) {
            if (!advance()) {
                this.columns = 0;
                return;
            }
            List<String> header = new ArrayList<>(csv.count());
            for (int i = 0; i < csv.count(); i++) {
                header.add(csv.text(i));
            }
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

    private static CsvCursor open(String blob, InputStream in, SourceOptions options) {
        try {
            if (CsvTokenizer.reads(options.encoding(), options.delimiter(), options.quote())) {
                return new CsvTokenizer(in, (byte) options.delimiter(), (byte) options.quote());
            }
            return new CharsetCsvCursor(in, options.encoding(), options.delimiter(), options.quote());
        } catch (UncheckedIOException e) {
            throw new DoeException("Could not read '" + blob + "': " + e.getCause().getMessage(), e);
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
        if (!advance()) {
            ReadItem.Malformed last = brokenItem;
            brokenItem = null;
            return last;
        }
        SourceRef where = SourceRef.line(blob, csv.line());
        if (csv.count() != columns) {
            return wrongColumnCount(where);
        }
        return decoder.decode(rawValues(), where);
    }

    @Override
    public Next readInto(TypedRow row, List<QuarantineEntry> rejected) {
        row.clear();
        if (!advance()) {
            if (brokenItem != null) {
                rejected.add(brokenItem.entry());
                brokenItem = null;
                return Next.MALFORMED;
            }
            return Next.END;
        }
        if (csv.count() != columns) {
            rejected.add(wrongColumnCount(SourceRef.line(blob, csv.line())).entry());
            return Next.MALFORMED;
        }
        byte[] b = csv.buffer();
        boolean ascii = csv.ascii();
        for (int i = 0; i < columnOfField.length; i++) {
            int col = columnOfField[i];
            boolean decoded = ascii || !csv.joined(col) ? text.decode(i, row, b, csv.start(col), csv.length(col), ascii)
                    : decodeText(i, row, csv.text(col));
            if (!decoded) {
                // The record path states every failure of the row with its reason.
                rejected.add(((ReadItem.Malformed) decoder.decode(rawValues(), SourceRef.line(blob, csv.line()))).entry());
                return Next.MALFORMED;
            }
        }
        row.setLine(csv.line());
        return Next.ROW;
    }

    private boolean decodeText(int field, TypedRow row, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return text.decode(field, row, utf8, 0, utf8.length, false);
    }

    /** Moves to the next record: false at the end or once the file cannot be parsed any further (then {@link #brokenItem} says why). */
    private boolean advance() {
        if (broken) {
            return false;
        }
        try {
            return csv.next();
        } catch (CsvCursor.Unparseable e) {
            broken = true;
            brokenItem = (ReadItem.Malformed) RowDecoder.malformed("parse", "the CSV cannot be parsed from here on ("
                    + e.getMessage() + "); look for an unterminated quote", SourceRef.line(blob, -1), Map.of());
            return false;
        } catch (UncheckedIOException e) {
            throw new DoeException("Could not read '" + blob + "': " + e.getCause().getMessage(), e);
        }
    }

    private ReadItem.Malformed wrongColumnCount(SourceRef where) {
        int count = csv.count();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            row.put("column" + (i + 1), csv.text(i));
        }
        return (ReadItem.Malformed) RowDecoder.malformed("columns", "expected " + columns + " columns, found " + count
                + " (check the delimiter and quoting of this line)", where, row);
    }

    private Object[] rawValues() {
        Object[] raw = new Object[columnOfField.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = csv.text(columnOfField[i]);
        }
        return raw;
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (UncheckedIOException e) {
            throw new DoeException("Could not close '" + blob + "'", e);
        }
    }
}
