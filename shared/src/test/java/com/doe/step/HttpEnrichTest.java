package com.doe.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.pipeline.Pipeline;
import com.doe.plan.Planner;
import com.doe.plan.StageResult;
import com.doe.plan.TransformStage;
import com.doe.step.enrich.InMemoryLookupSource;
import com.doe.step.keys.InMemoryKeyClaimStore;
import com.doe.testing.Fixtures;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** enrich.http against a real HTTP server in this JVM. */
class HttpEnrichTest {

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/codes/", exchange -> {
            calls.incrementAndGet();
            String code = exchange.getRequestURI().getPath().substring("/codes/".length());
            byte[] body;
            int status;
            if (failuresLeft.getAndDecrement() > 0) {
                status = 503;
                body = new byte[0];
            } else if (code.equals("missing")) {
                status = 404;
                body = new byte[0];
            } else {
                status = 200;
                body = ("{\"data\": {\"label\": \"Code " + code + "\", \"tags\": [\"t1\"]}}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TransformStage stage(String extra) {
        String def = "{\"id\": \"codes\", \"source\": {\"format\": \"csv\", \"schema\": {\"fields\": [{\"name\": \"code\", \"type\": \"string\"}]}},"
                + "\"steps\": [{\"id\": \"e\", \"type\": \"enrich\", \"http\": {\"url\": \"http://127.0.0.1:" + server.getAddress().getPort()
                + "/codes/{code}\", \"fields\": {\"label\": \"$.data.label\", \"tag\": \"$.data.tags[0]\"}, \"backoff\": \"PT0.01S\"" + extra + "}}]}";
        Pipeline p = Pipeline.compile(def);
        return new TransformStage(p, Planner.plan(p).stage("transform-1"), StepServices.of(new InMemoryLookupSource()),
                new InMemoryKeyClaimStore());
    }

    private StageResult run(TransformStage s, String... codes) {
        return s.process(Fixtures.chunk("r", 0, s.stage().input(),
                java.util.Arrays.stream(codes).map(c -> Map.<String, Object>of("code", c)).toList()));
    }

    @Test
    void addsFieldsFromTheResponseAndCachesRepeatedUrls() {
        StageResult r = run(stage(""), "a b", "a b", "c");

        assertThat(r.output().rows()).extracting(x -> x.record().get("label")).containsExactly("Code a b", "Code a b", "Code c");
        assertThat(r.output().rows().get(0).record().get("tag")).isEqualTo("t1");
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void retriesServerErrorsWithBackoff() {
        failuresLeft.set(2);

        StageResult r = run(stage(", \"retries\": 3"), "x");

        assertThat(r.output().rows()).hasSize(1);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void rejectsRowsWhoseLookupFailsWithTheReason() {
        failuresLeft.set(10);

        StageResult r = run(stage(", \"retries\": 1"), "x", "missing");

        assertThat(r.rejected()).hasSize(2);
        assertThat(r.rejected().get(0).reason()).contains("HTTP 503").contains("after 2 attempts");
        assertThat(r.rejected().get(0).rule()).isEqualTo("http");
    }

    @Test
    void limitsTheRequestRate() {
        long start = System.nanoTime();

        run(stage(", \"maxRequestsPerSecond\": 20"), "1", "2", "3", "4", "5");

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(190);
        assertThat(List.of(calls.get())).containsExactly(5);
    }
}
