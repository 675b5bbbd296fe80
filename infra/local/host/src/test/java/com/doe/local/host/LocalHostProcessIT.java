package com.doe.local.host;

import com.doe.local.host.discovery.Settings;
import com.doe.local.host.support.HttpCalls;
import com.doe.local.host.support.TestApp;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import com.doe.local.host.support.Eventually;

import static org.assertj.core.api.Assertions.assertThat;

/** The host as a process, as doe starts it: one ready line, health, a clean stop on SIGTERM, a clear start error. */
class LocalHostProcessIT {

    @Test
    void printsOneReadyLineServesHealthAndStopsOnSigterm() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Settings settings = TestApp.settings(Map.of());
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                LocalHost.class.getName(), "--app", TestApp.folder().toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true);
        for (String name : List.of("TestBlobContainer", "TestTopic", "TestGroup", "TestHub")) {
            builder.environment().put(name, settings.find(name).orElseThrow());
        }
        java.nio.file.Path log = java.nio.file.Files.createTempFile("local-host", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            String ready = Eventually.await(Duration.ofSeconds(60), "the ready line",
                    () -> lines(log).stream().filter(l -> l.contains("host ready on")).findFirst().orElse(null), l -> l != null);
            assertThat(ready).isEqualTo("DOE local Functions host ready on http://127.0.0.1:" + port + " (10 functions from "
                    + TestApp.folder() + ")");
            assertThat(lines(log).stream().filter(l -> l.contains("host ready on"))).hasSize(1);
            assertThat(HttpCalls.get(port, "/api/health").statusCode()).isEqualTo(200);

            process.destroy();
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(lines(log)).contains("DOE local Functions host stopped.");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aMissingAppFolderFailsWithWhatToDo() throws Exception {
        Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), LocalHost.class.getName(),
                "--app", "target/no-such-app").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("does not exist").contains("mvn -q -DskipTests package");
    }

    private static List<String> lines(java.nio.file.Path log) {
        try {
            return java.nio.file.Files.readAllLines(log);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
