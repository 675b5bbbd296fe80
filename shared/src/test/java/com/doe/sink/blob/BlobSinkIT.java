package com.doe.sink.blob;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.doe.clients.BlobClients;
import com.doe.pipeline.Pipeline;
import com.doe.plan.LoadStage;
import com.doe.sink.RunContext;
import com.doe.sink.SinkDetail;
import com.doe.sink.SinkFixtures;
import com.doe.sink.SinkStack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Blob sink against Azurite; a container per test. */
class BlobSinkIT {

    private static BlobServiceClient service;
    private static final List<String> containers = new java.util.ArrayList<>();

    @BeforeAll
    static void connect() {
        service = BlobClients.create(SinkStack.settings());
    }

    @AfterAll
    static void cleanUp() {
        containers.forEach(c -> service.getBlobContainerClient(c).deleteIfExists());
    }

    private static String container() {
        String c = SinkStack.unique("curated-");
        containers.add(c);
        return c;
    }

    private static Pipeline pipeline(String container, String format) {
        return SinkFixtures.pipeline("routes", "{\"id\": \"files\", \"type\": \"blob\", \"container\": \"" + container
                + "\", \"format\": \"" + format + "\"}");
    }

    private static LoadStage stage(Pipeline p) {
        return SinkFixtures.loadStage(p, spec -> new BlobSink(spec.stepId(), BlobSinkConfig.from(spec.config()), service));
    }

    /** Blob name -> content. */
    private static Map<String, String> files(String container) {
        BlobContainerClient c = service.getBlobContainerClient(container);
        Map<String, String> out = new TreeMap<>();
        c.listBlobs().forEach(b -> out.put(b.getName(), java.util.HexFormat.of().formatHex(
                c.getBlobClient(b.getName()).downloadContent().toBytes())));
        return out;
    }

    private static List<Map<String, Object>> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> SinkFixtures.route("A" + i, "Airport " + i, "A0", i)).toList();
    }

    @Test
    void writesOneFilePerChunkInEveryFormatAndAChunkDeliveredTwiceLeavesTheSameFile() {
        String container = container();
        RunContext run = SinkFixtures.run();
        for (String format : List.of("csv", "jsonl", "avro", "parquet")) {
            Pipeline p = pipeline(container, format);
            LoadStage stage = stage(p);
            var chunk = SinkFixtures.chunk(p, run, 3, rows(0, 50));

            LoadStage.Result r = stage.process(run, chunk);
            Map<String, String> first = files(container);
            stage.process(run, chunk);

            assertThat(files(container)).isEqualTo(first);
            assertThat(first).containsKey("routes/2024-05-17/" + run.runId() + "/part-00003." + format);
            SinkDetail.Blob detail = (SinkDetail.Blob) r.sinks().get(0).detail();
            assertThat(detail.files()).isEqualTo(1);
            assertThat(detail.bytes()).isPositive();
            assertThat(r.sinks().get(0).rowsWritten()).isEqualTo(50);
        }
        assertThat(files(container)).hasSize(4);
        String csv = service.getBlobContainerClient(container).getBlobClient(
                "routes/2024-05-17/" + run.runId() + "/part-00003.csv").downloadContent().toString();
        assertThat(csv.lines()).hasSize(51).element(1).isEqualTo("A0,Airport 0,City of Airport 0,TX,A0,A0,0,12.50,1990-01-01");
    }

    @Test
    void twoChunksInEitherOrderGiveTheSameFilesAndAnEmptyChunkWritesNone() {
        String one = container();
        String two = container();
        RunContext run = SinkFixtures.run();
        Pipeline p1 = pipeline(one, "parquet");
        Pipeline p2 = pipeline(two, "parquet");

        stage(p1).process(run, SinkFixtures.chunk(p1, run, 0, rows(0, 20)));
        stage(p1).process(run, SinkFixtures.chunk(p1, run, 1, rows(20, 40)));
        stage(p2).process(run, SinkFixtures.chunk(p2, run, 1, rows(20, 40)));
        stage(p2).process(run, SinkFixtures.chunk(p2, run, 0, rows(0, 20)));
        LoadStage.Result empty = stage(p2).process(run, SinkFixtures.chunk(p2, run, 2, List.of()));

        assertThat(files(two)).isEqualTo(files(one)).hasSize(2);
        assertThat(((SinkDetail.Blob) empty.sinks().get(0).detail()).files()).isZero();
    }
}
