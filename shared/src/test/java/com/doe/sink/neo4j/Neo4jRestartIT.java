package com.doe.sink.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.clients.Neo4jDrivers;
import com.doe.pipeline.Pipeline;
import com.doe.plan.LoadStage;
import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;
import com.doe.sink.RunContext;
import com.doe.sink.SinkFixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * A Neo4j of its own (the stack's launcher, {@code infra/local/neo4j}, on a free port with a fresh home),
 * stopped after the first chunk and started again while the second chunk is being written: the driver's
 * retries in {@code executeWrite} carry the write over the restart.
 */
class Neo4jRestartIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private Process neo4j;
    private Driver driver;

    @AfterEach
    void stop() throws InterruptedException {
        if (driver != null) {
            driver.close();
        }
        stopServer();
    }

    @Test
    void chunkWrittenWhileNeo4jRestartsStillCompletes() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "neo4j-restart-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = home.resolve("launcher.log");
        startServer(home, port, log);
        waitUntilReady(log, 120);
        driver = Neo4jDrivers.create(AppSettings.of(Map.of(SettingNames.NEO4J_URI, "bolt://127.0.0.1:" + port)));
        Pipeline p = SinkFixtures.pipeline("routes", """
                {"id": "graph", "type": "neo4j",
                 "nodes": [{"label": "Airport", "key": ["iata"], "properties": {"name": "airport_name"}}],
                 "relationships": [{"type": "ROUTE", "from": {"label": "Airport", "key": {"iata": "origin"}},
                                    "to": {"label": "Airport", "key": {"iata": "destination"}}, "properties": ["count"]}],
                 "batchSize": 50}""");
        LoadStage stage = SinkFixtures.loadStage(p, spec -> new Neo4jSink(spec.stepId(), Neo4jSinkConfig.from(spec.config()), driver));
        RunContext run = SinkFixtures.run();
        List<Map<String, Object>> rows = IntStream.range(0, 200)
                .mapToObj(i -> SinkFixtures.route("A" + i, "Airport " + i, "A" + ((i + 1) % 200), i)).toList();

        stage.process(run, SinkFixtures.chunk(p, run, 0, rows.subList(0, 100)));
        stopServer();
        Path secondLog = home.resolve("launcher-2.log");
        startServer(home, port, secondLog);
        boolean readyWhenWriteStarted = Files.readString(secondLog).contains("Neo4j ready");
        LoadStage.Result second = stage.process(run, SinkFixtures.chunk(p, run, 1, rows.subList(100, 200)));

        assertThat(readyWhenWriteStarted).isFalse();
        assertThat(Files.readString(secondLog)).contains("Neo4j ready");
        assertThat(second.stage().rejected()).isEmpty();
        try (Session s = driver.session()) {
            assertThat(s.run("MATCH (n:Airport) RETURN count(n) AS n").single().get("n").asLong()).isEqualTo(200);
            assertThat(s.run("MATCH (:Airport)-[r:ROUTE]->(:Airport) RETURN count(r) AS n").single().get("n").asLong()).isEqualTo(200);
        }
    }

    private void startServer(Path home, int port, Path log) throws IOException {
        neo4j = new ProcessBuilder("java", "-Xms128m", "-Xmx512m", "-cp", launcherClasspath(), "com.doe.local.LocalNeo4j",
                home.resolve("db").toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void stopServer() throws InterruptedException {
        if (neo4j != null && neo4j.isAlive()) {
            neo4j.destroy();
            if (!neo4j.waitFor(30, TimeUnit.SECONDS)) {
                neo4j.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void waitUntilReady(Path log, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.readString(log).contains("Neo4j ready")) {
            assertThat(neo4j.isAlive()).as("Neo4j launcher running; see %s", log).isTrue();
            assertThat(System.nanoTime()).as("Neo4j ready within %d s; see %s", seconds, log).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * The launcher jar and the Neo4j classpath that {@code infra/local/doe} resolved when it installed the stack
     * (in {@code $DOE_STATE_DIR/install}, default {@code infra/local/.state/install}).
     */
    private static String launcherClasspath() throws IOException {
        Path jar = REPO.resolve("infra/local/neo4j/target/doe-local-neo4j-0.jar");
        String stateDir = System.getenv("DOE_STATE_DIR");
        Path install = (stateDir == null || stateDir.isBlank() ? REPO.resolve("infra/local/.state") : Path.of(stateDir)).resolve("install");
        Path classpath;
        try (Stream<Path> files = Files.exists(install) ? Files.list(install) : Stream.empty()) {
            classpath = files.filter(f -> f.getFileName().toString().matches("neo4j-.*\\.classpath")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Neo4j classpath in " + install + "; run the tests with "
                            + "`infra/local/doe test` (or start `infra/local/doe up` once) so the stack installs Neo4j."));
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; `infra/local/doe up` or `doe test` builds it.");
        }
        return jar + ":" + Files.readString(classpath).trim();
    }
}
