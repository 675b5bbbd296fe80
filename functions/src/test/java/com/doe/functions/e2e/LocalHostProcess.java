package com.doe.functions.e2e;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local Functions host serving the packaged app, in its own JVM, as {@code doe up} runs it, with
 * the test stack's settings from the environment. It can be stopped gracefully, killed (a crash) and
 * started again on the same port and task hub, so in-flight orchestrations resume from their history.
 */
final class LocalHostProcess implements AutoCloseable {

    private static final Path APP = Path.of("target/azure-functions/doe-functions");
    private static final Path HOST = Path.of("../infra/local/host/target");

    private final int port;
    private final String taskHub;
    private final Path log;
    private Process process;

    private LocalHostProcess(int port, String taskHub, Path log) {
        this.port = port;
        this.taskHub = taskHub;
        this.log = log;
    }

    /** Starts a host with its own task hub on a free port and waits until it serves. */
    static LocalHostProcess start(String hostId) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LocalHostProcess host = new LocalHostProcess(port, "e2e" + Ids.unique(), Files.createTempFile("doe-e2e-host", ".log"));
        host.launch(hostId);
        return host;
    }

    int port() {
        return port;
    }

    Path logFile() {
        return log;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the host like Ctrl-C (in-flight work is abandoned, not finished) and starts it again. */
    void restart(String hostId) throws Exception {
        stop();
        launch(hostId);
    }

    /** Kills the host without warning, as a crash or a lost machine would, and starts it again. */
    void crashAndRestart(String hostId) throws Exception {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        launch(hostId);
    }

    /** The host's output so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code chars} characters of the output, for failure messages. */
    String logTail(int chars) {
        String text = log();
        return text.substring(Math.max(0, text.length() - chars));
    }

    private void launch(String hostId) throws Exception {
        int offset = log().length();
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx1g", "-cp", classpath(),
                "com.doe.local.host.LocalHost", "--app", APP.toString(), "--port", Integer.toString(port),
                "--blob-poll-ms", "500", "--host-id", hostId).redirectErrorStream(true);
        builder.environment().put("DurableTaskHubName", taskHub);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        Await.until(Duration.ofSeconds(90), "the local host to be ready (log: " + log + ")", this,
                () -> log().indexOf("host ready on", offset) >= 0);
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** The local host's jar and class path, as `doe up` runs it; built by the host module's package. */
    private static String classpath() throws IOException {
        Path classpath = HOST.resolve("classpath.txt");
        Path jar;
        try (Stream<Path> files = Files.list(HOST)) {
            jar = files.filter(p -> p.getFileName().toString().matches("doe-local-host-.*\\.jar")).findFirst().orElse(null);
        } catch (NoSuchFileException e) {
            jar = null;
        }
        if (jar == null || !Files.exists(classpath)) {
            throw new IllegalStateException("The local Functions host is not built; run "
                    + "`mvn -q -DskipTests package -pl infra/local/host -am` first (doe up and a full build do).");
        }
        return jar.toAbsolutePath() + File.pathSeparator + Files.readString(classpath).trim();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
