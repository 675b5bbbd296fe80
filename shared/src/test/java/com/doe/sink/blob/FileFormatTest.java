package com.doe.sink.blob;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.chunk.Chunk;
import com.doe.format.ReadItem;
import com.doe.format.RecordSource;
import com.doe.format.RecordSources;
import com.doe.format.SourceFile;
import com.doe.format.SourceFormat;
import com.doe.format.SourceOptions;
import com.doe.pipeline.Pipeline;
import com.doe.sink.RunContext;
import com.doe.sink.SinkFixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class FileFormatTest {

    private final Pipeline pipeline = SinkFixtures.pipeline("routes",
            "{\"id\": \"files\", \"type\": \"blob\", \"container\": \"curated\"}");
    private final RunContext run = new RunContext("routes", "run-7", LocalDate.of(2024, 5, 17));

    private Chunk chunk() {
        Map<String, Object> odd = new HashMap<>(SinkFixtures.route("SAT", "San \"Antonio\", TX\nnew line", null, 2));
        odd.put("fee", null);
        return SinkFixtures.chunk(pipeline, run, 0, List.of(SinkFixtures.route("AUS", "Austin", "DFW", 7), odd));
    }

    private List<GenericRecord> readBack(FileFormat format, byte[] bytes) {
        List<GenericRecord> out = new ArrayList<>();
        if (format == FileFormat.PARQUET) {
            return readParquet(bytes);
        }
        try (RecordSource s = RecordSources.open(SourceFormat.valueOf(format.name()), SourceOptions.DEFAULTS,
                pipeline.sourceSchema(), SourceFile.of("part." + format.extension(), bytes))) {
            ReadItem item;
            while ((item = s.next()) != null) {
                assertThat(item).isInstanceOf(ReadItem.Row.class);
                out.add(((ReadItem.Row) item).record());
            }
        }
        return out;
    }

    /**
     * Reads snappy pages with the same codec factory, the way the engine's Parquet reader reads files
     * (no Hadoop configuration); values come back raw (dates as days, decimals as bytes).
     */
    private static List<GenericRecord> readParquet(byte[] bytes) {
        List<GenericRecord> out = new ArrayList<>();
        var conf = new org.apache.parquet.conf.PlainParquetConfiguration();
        var options = org.apache.parquet.ParquetReadOptions.builder(conf).withCodecFactory(SnappyCodecFactory.INSTANCE).build();
        try (var file = org.apache.parquet.hadoop.ParquetFileReader.open(new BytesInputFile(bytes), options)) {
            var schema = file.getFooter().getFileMetaData().getSchema();
            var support = new org.apache.parquet.avro.AvroReadSupport<GenericRecord>(com.doe.format.AvroSchemas.MODEL);
            var context = support.init(new org.apache.parquet.hadoop.api.InitContext(conf, Map.of(), schema));
            var materializer = support.prepareForRead(conf, file.getFooter().getFileMetaData().getKeyValueMetaData(),
                    schema, context);
            var columns = new org.apache.parquet.io.ColumnIOFactory().getColumnIO(context.getRequestedSchema(), schema);
            org.apache.parquet.column.page.PageReadStore pages;
            while ((pages = file.readNextRowGroup()) != null) {
                var rows = columns.getRecordReader(pages, materializer);
                for (long i = 0; i < pages.getRowCount(); i++) {
                    out.add(rows.read());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void encodesTheSameRowsToTheSameBytesAndTheEngineReadsThemBack(FileFormat format) {
        byte[] first = format.encode(pipeline.sourceSchema(), chunk().rows(), "routes/part-00000." + format.extension());
        byte[] again = format.encode(pipeline.sourceSchema(), chunk().rows(), "routes/part-00000." + format.extension());

        assertThat(again).isEqualTo(first);
        List<GenericRecord> rows = readBack(format, first);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("iata")).isEqualTo("AUS");
        assertThat(rows.get(0).get("count")).isEqualTo(7L);
        Object opened = rows.get(0).get("opened");
        assertThat(opened instanceof Integer days ? LocalDate.ofEpochDay(days) : opened).isEqualTo(LocalDate.of(1990, 1, 1));
        Object fee = rows.get(0).get("fee");
        assertThat(fee instanceof java.nio.ByteBuffer b ? new BigDecimal(new java.math.BigInteger(b.array()), 2) : (BigDecimal) fee)
                .isEqualByComparingTo("12.50");
        assertThat(rows.get(1).get("airport_name")).isEqualTo("San \"Antonio\", TX\nnew line");
        assertThat(rows.get(1).get("fee")).isNull();
    }

    @Test
    void csvHasAHeaderAndQuotesOnlyWhatNeedsIt() {
        String csv = new String(FileFormat.CSV.encode(pipeline.sourceSchema(), chunk().rows(), "x.csv"), StandardCharsets.UTF_8);

        assertThat(csv).startsWith("iata,airport_name,city,state,origin,destination,count,fee,opened\r\n"
                + "AUS,Austin,City of Austin,TX,AUS,DFW,7,12.50,1990-01-01\r\n");
    }

    @Test
    void pathTemplateNamesAFolderOfPartsOrTheFileItself() {
        assertThat(new BlobSinkConfig("c", "{pipelineId}/{runDate}/{runId}", FileFormat.PARQUET).blobName(run, 3))
                .isEqualTo("routes/2024-05-17/run-7/part-00003.parquet");
        assertThat(new BlobSinkConfig("c", "/exports/{runId}-{chunk}", FileFormat.CSV).blobName(run, 12))
                .isEqualTo("exports/run-7-00012.csv");
        assertThat(new BlobSinkConfig("c", "", FileFormat.JSONL).blobName(run, 0)).isEqualTo("part-00000.jsonl");
        assertThat(new BlobSinkConfig("c", "out/{chunk}.csv", FileFormat.CSV).blobName(run, 2))
                .as("the format's extension is not added twice").isEqualTo("out/00002.csv");
        assertThat(new BlobSinkConfig("c", "out/{chunk}.csv", FileFormat.PARQUET).blobName(run, 2))
                .isEqualTo("out/00002.csv.parquet");
    }
}
