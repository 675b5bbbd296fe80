package com.doe.format;

import com.doe.DoeException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Infers a dataset schema from the first rows of a file, for pipelines without {@code source.schema}.
 * Names become snake_case ({@code "Fee Total $"} becomes {@code fee_total}) with the original kept in
 * {@code from}; types come from the values: {@code long} when every sampled value is a whole number,
 * {@code double} for numbers, {@code boolean} for true/false, {@code date} for {@code yyyy-MM-dd},
 * {@code timestamp} for ISO-8601 date-times, otherwise {@code string}. Avro and Parquet files carry
 * their own schema, which is translated. Inferred fields are never required.
 */
public final class SchemaInference {

    /** Rows sampled by default. */
    public static final int DEFAULT_SAMPLE = 1000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaInference() {
    }

    public static DatasetSchema infer(SourceFormat format, SourceOptions options, SourceFile file, int sampleRows) {
        try {
            return switch (format) {
                case CSV -> csv(options, file, sampleRows);
                case JSONL, JSON -> json(format, options, file, sampleRows);
                case AVRO -> avro(file);
                case PARQUET -> parquet(file);
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof DoeException d) {
                throw d;
            }
            throw new DoeException("Could not infer a schema from '" + file.name() + "' as " + format.text() + ": "
                    + e.getMessage() + ". Check source.format, or declare source.schema.", e);
        }
    }

    private static DatasetSchema csv(SourceOptions options, SourceFile file, int sampleRows) throws IOException {
        try (InputStream in = file.open();
             CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(options.delimiter())
                     .quoteCharacter(options.quote()).skipEmptyLines(true).ignoreDifferentFieldCount(true)
                     .detectBomHeader(true).ofCsvRecord(new InputStreamReader(in, options.encoding()))) {
            Iterator<CsvRecord> it = csv.iterator();
            if (!it.hasNext()) {
                throw new DoeException("'" + file.name() + "' is empty: nothing to infer a schema from.");
            }
            CsvRecord first = it.next();
            List<String> names = new ArrayList<>();
            List<Guess> guesses = new ArrayList<>();
            for (int i = 0; i < first.getFieldCount(); i++) {
                names.add(options.header() ? first.getField(i) : "column_" + (i + 1));
                Guess g = new Guess();
                if (!options.header()) {
                    g.text(first.getField(i));
                }
                guesses.add(g);
            }
            for (int n = 0; n < sampleRows && it.hasNext(); n++) {
                CsvRecord r = it.next();
                for (int i = 0; i < Math.min(r.getFieldCount(), guesses.size()); i++) {
                    guesses.get(i).text(r.getField(i));
                }
            }
            return build(names, guesses);
        }
    }

    private static DatasetSchema json(SourceFormat format, SourceOptions options, SourceFile file, int sampleRows)
            throws IOException {
        Map<String, Guess> guesses = new LinkedHashMap<>();
        try (InputStream in = file.open()) {
            if (format == SourceFormat.JSONL) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, options.encoding()));
                String line;
                int n = 0;
                while (n < sampleRows && (line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        observe(MAPPER.readTree(line), guesses);
                        n++;
                    } catch (IOException malformed) {
                        // A malformed line says nothing about types; the reader reports it.
                    }
                }
            } else {
                JsonParser p = MAPPER.getFactory().createParser(new InputStreamReader(in, options.encoding()));
                if (p.nextToken() == JsonToken.START_ARRAY) {
                    int n = 0;
                    while (n++ < sampleRows && p.nextToken() == JsonToken.START_OBJECT) {
                        observe(MAPPER.readTree(p), guesses);
                    }
                }
            }
        }
        if (guesses.isEmpty()) {
            throw new DoeException("No JSON objects found in '" + file.name() + "' to infer a schema from.");
        }
        return build(new ArrayList<>(guesses.keySet()), new ArrayList<>(guesses.values()));
    }

    private static void observe(JsonNode node, Map<String, Guess> guesses) {
        if (!node.isObject()) {
            return;
        }
        node.fields().forEachRemaining(e -> guesses.computeIfAbsent(e.getKey(), k -> new Guess()).json(e.getValue()));
    }

    private static DatasetSchema avro(SourceFile file) throws IOException {
        try (InputStream in = file.open();
             DataFileStream<GenericRecord> s = new DataFileStream<>(in, new GenericDatumReader<>())) {
            return fromAvro(s.getSchema());
        }
    }

    private static DatasetSchema parquet(SourceFile file) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file.localPath()),
                ParquetReadOptions.builder(conf).build())) {
            return fromAvro(new AvroSchemaConverter(conf).convert(r.getFooter().getFileMetaData().getSchema()));
        }
    }

    /** The dataset schema of an Avro record schema's top-level fields. */
    public static DatasetSchema fromAvro(Schema record) {
        List<String> names = new ArrayList<>();
        List<FieldType> types = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            names.add(f.name());
            types.add(typeOf(f.schema()));
        }
        return named(names, types);
    }

    /** The dataset schema of a record written by DOE: names kept, non-union fields required. */
    public static DatasetSchema fromAvroExact(Schema record) {
        List<Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            fields.add(new Field(f.name(), typeOf(f.schema()), f.schema().getType() != Schema.Type.UNION, null, null));
        }
        return new DatasetSchema(fields);
    }

    private static FieldType typeOf(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            List<Schema> nonNull = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
            return nonNull.size() == 1 ? typeOf(nonNull.get(0)) : FieldType.STRING;
        }
        LogicalType lt = s.getLogicalType();
        if (lt instanceof LogicalTypes.Decimal d) {
            return new FieldType.Decimal(d.getPrecision(), d.getScale());
        }
        if (lt instanceof LogicalTypes.Date) {
            return FieldType.DATE;
        }
        if (lt instanceof LogicalTypes.TimestampMillis || lt instanceof LogicalTypes.TimestampMicros) {
            return FieldType.TIMESTAMP;
        }
        return switch (s.getType()) {
            case INT, LONG -> FieldType.LONG;
            case FLOAT, DOUBLE -> FieldType.DOUBLE;
            case BOOLEAN -> FieldType.BOOLEAN;
            default -> FieldType.STRING;
        };
    }

    private static DatasetSchema build(List<String> names, List<Guess> guesses) {
        return named(names, guesses.stream().map(Guess::type).toList());
    }

    private static DatasetSchema named(List<String> names, List<FieldType> types) {
        List<Field> fields = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String original = names.get(i);
            String name = snakeCase(original);
            String unique = name;
            for (int n = 2; !used.add(unique); n++) {
                unique = name + "_" + n;
            }
            fields.add(new Field(unique, types.get(i), false, null, unique.equals(original) ? null : original));
        }
        return new DatasetSchema(fields);
    }

    /** {@code "Fee Total $"} to {@code fee_total}, {@code "openedAt"} to {@code opened_at}. */
    public static String snakeCase(String name) {
        String s = name.trim().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) {
            s = "field";
        }
        return Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** Narrowest type seen so far for one column. */
    private static final class Guess {
        private boolean any;
        private boolean isLong = true;
        private boolean isDouble = true;
        private boolean isBool = true;
        private boolean isDate = true;
        private boolean isTimestamp = true;

        void text(String v) {
            if (v == null || v.isBlank()) {
                return;
            }
            any = true;
            String t = v.trim();
            isLong &= t.matches("[+-]?\\d{1,18}");
            isDouble &= t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
            isBool &= t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false");
            isDate &= parses(() -> LocalDate.parse(t));
            isTimestamp &= t.length() > 10 && parses(() -> DateTimeFormatter.ISO_DATE_TIME.parseBest(t,
                    OffsetDateTime::from, LocalDateTime::from));
        }

        void json(JsonNode v) {
            if (v == null || v.isNull()) {
                return;
            }
            if (v.isTextual()) {
                text(v.textValue());
                isLong = false;
                isDouble = false;
                isBool = false;
                return;
            }
            any = true;
            isDate = false;
            isTimestamp = false;
            isLong &= v.isIntegralNumber() && v.canConvertToLong();
            isDouble &= v.isNumber();
            isBool &= v.isBoolean();
        }

        FieldType type() {
            if (!any) {
                return FieldType.STRING;
            }
            if (isBool) {
                return FieldType.BOOLEAN;
            }
            if (isLong) {
                return FieldType.LONG;
            }
            if (isDouble) {
                return FieldType.DOUBLE;
            }
            if (isDate) {
                return FieldType.DATE;
            }
            return isTimestamp ? FieldType.TIMESTAMP : FieldType.STRING;
        }

        private static boolean parses(Runnable r) {
            try {
                r.run();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }
}
