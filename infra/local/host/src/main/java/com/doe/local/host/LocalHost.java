package com.doe.local.host;

import com.doe.local.host.blob.BlobOutputs;
import com.doe.local.host.blob.BlobTriggers;
import com.doe.local.host.blob.StorageAccounts;
import com.doe.local.host.discovery.DiscoveryException;
import com.doe.local.host.discovery.FunctionApp;
import com.doe.local.host.discovery.Output;
import com.doe.local.host.discovery.Settings;
import com.doe.local.host.discovery.Trigger;
import com.doe.local.host.durable.DurableHost;
import com.doe.local.host.http.HttpFrontEnd;
import com.doe.local.host.invoke.BindingServices;
import com.doe.local.host.invoke.Invoker;
import com.doe.local.host.kafka.KafkaOutputs;
import com.doe.local.host.kafka.KafkaTriggers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The local Functions host: loads the packaged app, discovers its functions, and serves their
 * triggers (HTTP, blob, Kafka, durable) until closed. Build with {@link #start}; {@link #close}
 * stops polling and listening, lets running invocations finish briefly and closes the clients.
 */
public final class LocalHost implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalHost.class.getName());

    private final FunctionApp app;
    private final StorageAccounts storage;
    private final KafkaOutputs kafkaOutputs = new KafkaOutputs();
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final HttpFrontEnd http;
    private final List<String> description = new ArrayList<>();
    private DurableHost durable;

    private LocalHost(HostOptions options, Settings settings) throws IOException {
        this.app = FunctionApp.load(options.app(), settings);
        this.storage = new StorageAccounts(settings);
        BlobOutputs blobOutputs = new BlobOutputs(storage);
        Invoker invoker = new Invoker(app, new BindingServices() {
            @Override
            public Object durableClient(Class<?> contextType) {
                if (durable == null) {
                    throw new IllegalStateException("durable client requested before the durable backend started");
                }
                return durable.clientContext(contextType);
            }

            @Override
            public void write(Output output, Object value, Map<String, Object> metadata) {
                if (output instanceof Output.Blob blob) {
                    blobOutputs.write(blob, value, metadata);
                } else if (output instanceof Output.Kafka kafka) {
                    kafkaOutputs.write(kafka, value);
                }
            }
        });
        boolean usesDurable = !app.withTrigger(Trigger.Orchestration.class).isEmpty()
                || app.functions().stream().anyMatch(f -> f.parameters().stream()
                .anyMatch(p -> p instanceof com.doe.local.host.discovery.ParameterSource.DurableClient));
        if (usesDurable) {
            durable = new DurableHost(app, invoker, storage.client("AzureWebJobsStorage"), options.durablePort());
            parts.add(durable);
        }
        BlobTriggers blobs = new BlobTriggers(app, invoker, storage, options.hostId(), options.blobPoll());
        KafkaTriggers kafka = new KafkaTriggers(app, invoker);
        this.http = new HttpFrontEnd(app, invoker, options.bindAddress(), options.port());
        parts.add(0, http);
        parts.add(0, kafka);
        parts.add(0, blobs);

        if (durable != null) {
            int resumed = durable.recover();
            description.add("durable: task hub '" + durable.hubName() + "', client endpoint 127.0.0.1:" + durable.port()
                    + ", " + resumed + " in-flight instance(s) resumed");
        }
        blobs.start();
        kafka.start();
        http.start();
        http.describeRoutes().forEach(r -> description.add("http: " + r));
        blobs.describe().forEach(b -> description.add("blob: " + b));
        kafka.describe().forEach(k -> description.add("kafka: " + k));
        app.withTrigger(Trigger.Orchestration.class).forEach(f -> description.add("orchestrator: " + f.name()));
        app.withTrigger(Trigger.Activity.class).forEach(f -> description.add("activity: " + f.name()));
    }

    /** Loads the app and starts every trigger; returns once the host is ready. */
    public static LocalHost start(HostOptions options, Settings settings) throws IOException {
        return new LocalHost(options, settings);
    }

    public int httpPort() {
        return http.port();
    }

    /** The durable clients' gRPC port on loopback, or -1 when the app has no durable functions. */
    public int durablePort() {
        return durable == null ? -1 : durable.port();
    }

    public FunctionApp app() {
        return app;
    }

    public List<String> description() {
        return List.copyOf(description);
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warning("closing " + part.getClass().getSimpleName() + " failed: " + e);
            }
        }
        kafkaOutputs.close();
        try {
            app.close();
        } catch (IOException e) {
            LOG.warning("closing the app's class loader failed: " + e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n");
        }
        HostOptions options;
        try {
            options = HostOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalHost host;
        try {
            host = start(options, Settings.fromEnvironment());
        } catch (DiscoveryException e) {
            System.err.println("doe-local-host: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("doe-local-host: cannot start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("DOE local Functions host stopping...");
            host.close();
            System.out.println("DOE local Functions host stopped.");
            stopped.countDown();
        }, "shutdown"));
        host.description().forEach(line -> System.out.println("  " + line));
        System.out.println("DOE local Functions host ready on http://" + options.bindAddress() + ":" + host.httpPort()
                + " (" + host.app().functions().size() + " functions from " + options.app() + ")");
        System.out.flush();
        stopped.await();
    }
}
