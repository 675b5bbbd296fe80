package com.doe.local.host.durable;

import com.azure.storage.blob.BlobServiceClient;
import com.doe.local.host.discovery.DiscoveryException;
import com.doe.local.host.discovery.FunctionApp;
import com.doe.local.host.invoke.Conversions;
import com.doe.local.host.invoke.Invoker;
import com.google.gson.JsonObject;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Durable Functions for the local host: the backend, and the gRPC endpoint on loopback that the
 * functions' durable clients call. A {@code @DurableClientInput} parameter gets a
 * {@code DurableClientContext} whose {@code rpcBaseUrl} points at that endpoint, as the Functions
 * host's binding data does.
 */
public final class DurableHost implements AutoCloseable {

    private final DurableBackend backend;
    private final Server server;

    public DurableHost(FunctionApp app, Invoker invoker, BlobServiceClient storage, int port) throws IOException {
        if (app.config().hubName().contains("%")) {
            throw new DiscoveryException("host.json durableTask.hubName is '" + app.config().hubName()
                    + "', naming a setting that is not in the environment; set it (DurableTaskHubName=doelocal locally)");
        }
        this.backend = new DurableBackend(app, invoker, storage);
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(new DurableClientService(backend))
                .build()
                .start();
    }

    /** Resumes the instances a previous host left running; returns how many. */
    public int recover() {
        return backend.recover();
    }

    public int port() {
        return server.getPort();
    }

    public String hubName() {
        return backend.hubName();
    }

    /** A {@code DurableClientContext} (the app's class) bound to this host, as the worker builds it from JSON. */
    public Object clientContext(Class<?> contextType) {
        JsonObject binding = new JsonObject();
        binding.addProperty("taskHubName", backend.hubName());
        binding.addProperty("rpcBaseUrl", "http://127.0.0.1:" + port() + "/durabletask/");
        binding.addProperty("requiredQueryStringParameters", "");
        return Conversions.GSON.fromJson(binding, contextType);
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
        try {
            server.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
    }
}
