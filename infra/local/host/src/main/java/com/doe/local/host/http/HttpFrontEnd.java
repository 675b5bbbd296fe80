package com.doe.local.host.http;

import com.doe.local.host.discovery.FunctionApp;
import com.doe.local.host.discovery.FunctionDefinition;
import com.doe.local.host.discovery.Trigger;
import com.doe.local.host.invoke.Conversions;
import com.doe.local.host.invoke.Invoker;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the app's HTTP triggers on the JDK's HTTP server: {@code /<routePrefix>/<route>} with the
 * annotated methods. Function keys are not checked, as with the Core Tools; in Azure they are.
 * A function that throws answers 500 with an empty body. {@code GET /<prefix>/health} answers 200
 * even when the app has no such function, so readiness can always be probed.
 */
public final class HttpFrontEnd implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpFrontEnd.class.getName());
    private static final int MAX_BODY_BYTES = 100 * 1024 * 1024;

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY, Nagle
        // holds the body until the client acknowledges the headers, which a keep-alive client delays
        // by up to 40 ms (delayed ACK). Read once, when the first server is created in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private record Route(RouteTemplate template, FunctionDefinition function, Trigger.Http trigger) {
    }

    private final Invoker invoker;
    private final String prefix;
    private final List<Route> routes;
    private final HttpServer server;
    private final ExecutorService workers;

    public HttpFrontEnd(FunctionApp app, Invoker invoker, String bindAddress, int port) throws IOException {
        this.invoker = invoker;
        this.prefix = app.config().routePrefix();
        List<Route> found = new ArrayList<>();
        for (FunctionDefinition function : app.withTrigger(Trigger.Http.class)) {
            Trigger.Http http = (Trigger.Http) function.trigger();
            String route = http.route() == null || http.route().isEmpty() ? function.name() : http.route();
            found.add(new Route(RouteTemplate.parse(route), function, http));
        }
        found.sort(Comparator.comparing(Route::template));
        this.routes = List.copyOf(found);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(bindAddress, port), 128);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<String> describeRoutes() {
        return routes.stream().map(r -> (r.trigger().methods().isEmpty() ? "ANY" : String.join(",", r.trigger().methods()))
                + " /" + (prefix.isEmpty() ? "" : prefix + "/") + r.template() + " -> " + r.function().name()).toList();
    }

    /** Stops accepting, gives running requests up to {@code graceSeconds}. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            List<String> path = pathAfterPrefix(exchange.getRequestURI().getRawPath());
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (path == null) {
                send(exchange, 404, Map.of(), new byte[0]);
                return;
            }
            for (Route route : routes) {
                Optional<Map<String, String>> parameters = route.template().match(path);
                if (parameters.isPresent() && (route.trigger().methods().isEmpty() || route.trigger().methods().contains(method))) {
                    serve(exchange, route, parameters.get(), method, body);
                    return;
                }
            }
            if (method.equals("GET") && path.size() == 1 && path.get(0).equalsIgnoreCase("health")) {
                send(exchange, 200, Map.of("Content-Type", "application/json"),
                        "{\"status\":\"UP\",\"host\":\"doe-local\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 404, Map.of(), new byte[0]);
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "HTTP request " + exchange.getRequestURI() + " failed in the host", e);
        }
    }

    private void serve(HttpExchange exchange, Route route, Map<String, String> routeValues, String method, byte[] body)
            throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        URI uri = URI.create("http://" + Optional.ofNullable(headers.get("Host")).orElse("127.0.0.1:" + port())
                + exchange.getRequestURI());
        Type parameterType = route.function().triggerParameter().type();
        Object triggerValue;
        try {
            triggerValue = triggerValue(parameterType, uri, method, headers, query, body);
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "function '" + route.function().name() + "': cannot bind the request: " + unreadable.getMessage());
            send(exchange, 400, Map.of(), new byte[0]);
            return;
        }
        Map<String, Object> metadata = new HashMap<>(query);
        metadata.putAll(routeValues);
        metadata.put("Query", query);
        metadata.put("Headers", headers);
        Object result;
        try {
            result = invoker.invoke(route.function(), triggerValue, metadata);
        } catch (RuntimeException failed) {
            send(exchange, 500, Map.of(), new byte[0]);
            return;
        }
        respond(exchange, result);
    }

    static Object triggerValue(Type parameterType, URI uri, String method, Map<String, String> headers,
                               Map<String, String> query, byte[] body) {
        if (Conversions.raw(parameterType) != HttpRequestMessage.class) {
            return body.length == 0 ? null : Conversions.fromBytes(body, parameterType);
        }
        Type bodyType = Conversions.typeArgument(parameterType, 0);
        Object typedBody;
        if (Conversions.raw(bodyType) == Optional.class) {
            Type inner = Conversions.typeArgument(bodyType, 0);
            typedBody = body.length == 0 ? Optional.empty() : Optional.ofNullable(Conversions.fromBytes(body, inner));
        } else {
            typedBody = body.length == 0 ? null : Conversions.fromBytes(body, bodyType);
        }
        HttpMethod httpMethod = Arrays.stream(HttpMethod.values()).filter(m -> m.name().equals(method)).findFirst()
                .orElse(null);
        return new LocalHttpRequest<>(uri, httpMethod, headers, query, typedBody);
    }

    private void respond(HttpExchange exchange, Object result) throws IOException {
        if (result == null) {
            send(exchange, 204, Map.of(), new byte[0]);
            return;
        }
        int status = 200;
        Map<String, String> headers = new LinkedHashMap<>();
        Object body = result;
        if (result instanceof HttpResponseMessage response) {
            status = response.getStatusCode();
            body = response.getBody();
            if (response instanceof LocalHttpResponse local) {
                headers.putAll(local.headers());
            }
        }
        if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            headers.put("Content-Type", body instanceof String ? "text/plain; charset=utf-8"
                    : body instanceof byte[] ? "application/octet-stream" : "application/json; charset=utf-8");
        }
        send(exchange, status, headers, Conversions.toBytes(body));
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean noBody = body.length == 0 || status == 204 || status == 304 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    /** Decoded path segments after the route prefix, or null when the path is outside it. */
    private List<String> pathAfterPrefix(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        if (prefix.isEmpty()) {
            return segments;
        }
        List<String> prefixSegments = Arrays.asList(prefix.split("/"));
        if (segments.size() < prefixSegments.size()) {
            return null;
        }
        for (int i = 0; i < prefixSegments.size(); i++) {
            if (!segments.get(i).equalsIgnoreCase(prefixSegments.get(i))) {
                return null;
            }
        }
        return segments.subList(prefixSegments.size(), segments.size());
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }
}
