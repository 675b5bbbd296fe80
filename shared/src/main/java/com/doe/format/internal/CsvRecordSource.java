package com.doe.format.internal;

import com.doe.DoeException;
import com.doe.format.DatasetSchema;
import com.doe.format.ReadItem;
import com.doe.format.RecordSource;
import com.doe.format.SourceOptions;
import com.doe.format.TypedRow;
import com.doe.quarantine.QuarantineEntry;
import com.doe.quarantine.SourceRef;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a CSV file with FastCSV; locations are the physical line where a record starts. Fields are
 * kept as slices of one character buffer ({@link CsvFields}): {@link #readInto} types them straight
 * from it, and only a record that {@link #next()} returns, or a rejected row, becomes Strings.
 */
public final class CsvRecordSource implements RecordSource {

    private final String blob;
    private final RowDecoder decoder;
    private final TextFieldDecoder text;
    private final CsvFields fields;
    /** Where records go that are not read into a caller's row (the header, {@link #next()}). */
    private final TypedRow scratch;
    private final CsvReader<CsvFields> csv;
    private final CloseableIterator<CsvFields> rows;
    private final int[] columnOfField;
    private final int columns;
    private boolean broken;
    private ReadItem.Malformed brokenItem;

    public CsvRecordSource(String blob, InputStream in, SourceOptions options, DatasetSchema schema) {
        this.blob = blob;
        this.decoder = new RowDecoder(schema);
        this.text = new TextFieldDecoder(schema);
        this.scratch = new TypedRow(schema);
        this.fields = new CsvFields(scratch);
        Reader reader = withoutByteOrderMark(blob, new InputStreamReader(in, options.encoding()));
        this.csv = CsvReader.builder()
                .fieldSeparator(options.delimiter())
                .quoteCharacter(options.quote())
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .detectBomHeader(true)
                .build(fields, reader);
        this.rows = csv.iterator();
        this.columnOfField = new int[schema.size()];
        if (options.header()) {
            if (!rows.hasNext()) {
                this.columns = 0;
                return;
            }
            CsvFields first = rows.next();
            List<String> header = new ArrayList<>(first.count());
            for (int i = 0; i < first.count(); i++) {
                header.add(first.text(i));
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

    /**
     * Drops a leading byte order mark: FastCSV only detects one when it reads bytes itself, and left in
     * place it becomes part of the first column's name.
     */
    private static Reader withoutByteOrderMark(String blob, Reader reader) {
        PushbackReader r = new PushbackReader(reader, 1);
        try {
            int first = r.read();
            if (first != -1 && first != '\uFEFF') {
                r.unread(first);
            }
        } catch (IOException e) {
            throw new DoeException("Could not read '" + blob + "': " + e.getMessage(), e);
        }
        return r;
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
        fields.copyInto(scratch);
        CsvFields rec = fetch();
        if (rec == null) {
            ReadItem.Malformed last = brokenItem;
            brokenItem = null;
            return last;
        }
        SourceRef where = SourceRef.line(blob, rec.line());
        if (rec.count() != columns) {
            return wrongColumnCount(rec, where);
        }
        return decoder.decode(rawValues(rec), where);
    }

    @Override
    public Next readInto(TypedRow row, List<QuarantineEntry> rejected) {
        fields.copyInto(row);
        CsvFields rec = fetch();
        if (rec == null) {
            if (brokenItem != null) {
                rejected.add(brokenItem.entry());
                brokenItem = null;
                return Next.MALFORMED;
            }
            return Next.END;
        }
        if (rec.count() != columns) {
            rejected.add(wrongColumnCount(rec, SourceRef.line(blob, rec.line())).entry());
            return Next.MALFORMED;
        }
        for (int i = 0; i < columnOfField.length; i++) {
            int col = columnOfField[i];
            if (!text.decode(i, row, rec.start(col), rec.length(col))) {
                // The record path states every failure of the row with its reason.
                rejected.add(((ReadItem.Malformed) decoder.decode(rawValues(rec), SourceRef.line(blob, rec.line()))).entry());
                return Next.MALFORMED;
            }
        }
        row.setLine(rec.line());
        return Next.ROW;
    }

    /** The next record, or null at the end or once the file cannot be parsed any further (then {@link #brokenItem} says why). */
    private CsvFields fetch() {
        if (broken) {
            return null;
        }
        try {
            return rows.hasNext() ? rows.next() : null;
        } catch (CsvParseException e) {
            broken = true;
            brokenItem = (ReadItem.Malformed) RowDecoder.malformed("parse", "the CSV cannot be parsed from here on ("
                    + rootMessage(e) + "); look for an unterminated quote", SourceRef.line(blob, -1), Map.of());
            return null;
        } catch (java.io.UncheckedIOException e) {
            throw new DoeException("Could not read '" + blob + "': " + e.getMessage(), e);
        }
    }

    private ReadItem.Malformed wrongColumnCount(CsvFields rec, SourceRef where) {
        int count = rec.count();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            row.put("column" + (i + 1), rec.text(i));
        }
        return (ReadItem.Malformed) RowDecoder.malformed("columns", "expected " + columns + " columns, found " + count
                + " (check the delimiter and quoting of this line)", where, row);
    }

    private Object[] rawValues(CsvFields rec) {
        Object[] raw = new Object[columnOfField.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rec.text(columnOfField[i]);
        }
        return raw;
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
