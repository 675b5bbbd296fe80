package com.doe.format.internal;

import com.doe.DoeException;
import com.doe.format.AvroSchemas;
import com.doe.format.DatasetSchema;
import com.doe.format.ReadItem;
import com.doe.format.RecordSource;
import com.doe.quarantine.SourceRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Streams a Parquet file one row group at a time (memory bounded by the file's row group size, not
 * its length), without a Hadoop file system. Locations are 0-based record indexes.
 */
public final class ParquetRecordSource implements RecordSource {

    private final String blob;
    private final ParquetFileReader file;
    private final MessageType fileSchema;
    private final ReadSupport.ReadContext context;
    private final RecordMaterializer<GenericRecord> materializer;
    private final MessageColumnIO columnIo;
    private final RowDecoder decoder;
    private final BinaryValues values;
    private final Object[] raw;
    private org.apache.parquet.io.RecordReader<GenericRecord> rows;
    private long rowsLeftInGroup;
    private long index;
    private boolean broken;

    public ParquetRecordSource(String blob, Path path, DatasetSchema schema) {
        this.blob = blob;
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        try {
            this.file = ParquetFileReader.open(new LocalInputFile(path), ParquetReadOptions.builder(conf).build());
        } catch (IOException | RuntimeException e) {
            throw new DoeException("'" + blob + "' is not a readable Parquet file (" + e.getMessage()
                    + "). Check source.format in the pipeline.", e);
        }
        this.fileSchema = file.getFooter().getFileMetaData().getSchema();
        AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(AvroSchemas.MODEL);
        this.context = support.init(new InitContext(conf, Map.of(), fileSchema));
        this.materializer = support.prepareForRead(conf, file.getFooter().getFileMetaData().getKeyValueMetaData(),
                fileSchema, context);
        this.columnIo = new ColumnIOFactory().getColumnIO(context.getRequestedSchema(), fileSchema);
        this.decoder = new RowDecoder(schema);
        this.values = new BinaryValues(schema);
        this.raw = new Object[schema.size()];
    }

    @Override
    public ReadItem next() {
        if (broken) {
            return null;
        }
        SourceRef where = SourceRef.record(blob, index);
        try {
            while (rowsLeftInGroup == 0) {
                PageReadStore pages = file.readNextRowGroup();
                if (pages == null) {
                    return null;
                }
                rows = columnIo.getRecordReader(pages, materializer);
                rowsLeftInGroup = pages.getRowCount();
            }
            rowsLeftInGroup--;
            index++;
            GenericRecord record = rows.read();
            values.fill(record, raw);
            return decoder.decode(raw, where);
        } catch (IOException | RuntimeException e) {
            broken = true;
            return RowDecoder.malformed("parquet", "corrupt Parquet data, the rest of the file cannot be read: "
                    + e.getMessage(), where, Map.of());
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new DoeException("Could not close '" + blob + "'", e);
        }
    }
}
