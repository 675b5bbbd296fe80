package com.doe.local.host.support;

import com.doe.local.host.discovery.Settings;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The test function app ({@code com.doe.local.host.testapp}) packaged the way
 * azure-functions-maven-plugin lays an app out: a jar and a host.json in a folder. Its libraries
 * (durabletask, Gson) are not copied: the app's class loader finds them on the test class path.
 */
public final class TestApp {

    private static final String PACKAGE = "com/doe/local/host/testapp/";

    private TestApp() {
    }

    /** Builds the app folder under target/ and returns it. */
    public static synchronized Path folder() {
        try {
            Path classes = Path.of(TestApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path folder = classes.getParent().resolve("test-app");
            Files.createDirectories(folder);
            try (OutputStream out = Files.newOutputStream(folder.resolve("doe-test-app.jar"));
                 JarOutputStream jar = new JarOutputStream(out);
                 Stream<Path> files = Files.walk(classes.resolve(PACKAGE))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
            Files.writeString(folder.resolve("host.json"), """
                    {
                      "version": "2.0",
                      "extensions": {
                        "http": {"routePrefix": "api"},
                        "kafka": {"maxBatchSize": 4, "maxRetries": 2},
                        "durableTask": {"hubName": "%TestHub%", "maxConcurrentActivityFunctions": 2,
                                        "maxConcurrentOrchestratorFunctions": 2}
                      }
                    }
                    """);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stack's settings from the environment plus fresh names for this test's container, topic, group and hub. */
    public static Settings settings(Map<String, String> extra) {
        Map<String, String> env = System.getenv();
        for (String required : List.of("AzureWebJobsStorage", "DoeStorage", "KafkaBootstrapServers")) {
            if (!env.containsKey(required)) {
                throw new IllegalStateException("Integration tests need the local stack's settings (" + required
                        + " is missing). Run them with `infra/local/doe test`, or start `infra/local/doe up -d` and "
                        + "`eval \"$(infra/local/doe env)\"` first.");
            }
        }
        Map<String, String> names = new HashMap<>();
        names.put("TestBlobContainer", unique("it"));
        names.put("TestTopic", unique("it-topic-"));
        names.put("TestGroup", unique("it-group-"));
        names.put("TestHub", unique("hub"));
        names.putAll(extra);
        return Settings.of(env, names);
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
