package com.doe.step.enrich;

import com.doe.RetryableException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Performs the GET requests of one {@code enrich.http} step: per-worker response cache with a TTL,
 * a rate limit shared by all threads of the worker, retries with exponential backoff on timeouts,
 * connection errors, 429 and 5xx (honouring {@code Retry-After} seconds). Thread-safe.
 */
public final class HttpLookup {

    /** Result of one lookup: the response JSON, or why there is none. */
    public sealed interface Result {
        record Found(JsonNode body) implements Result {
        }

        /** @param transientFailure whether retries were exhausted on a failure that may pass later */
        record Failed(String reason, boolean transientFailure) implements Result {
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_CACHE = 100_000;

    private final HttpClient client;
    private final EnrichConfig.Http config;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final long intervalNanos;
    private long nextSlot;

    public HttpLookup(HttpClient client, EnrichConfig.Http config) {
        this.client = client;
        this.config = config;
        this.intervalNanos = config.maxRequestsPerSecond() <= 0 ? 0 : (long) (1e9 / config.maxRequestsPerSecond());
    }

    public Result get(String url) {
        long now = System.nanoTime();
        Cached c = cache.get(url);
        if (c != null && now < c.expiresAt) {
            return c.result;
        }
        Result r = fetch(url);
        if (r instanceof Result.Found || r instanceof Result.Failed f && !f.transientFailure()) {
            if (cache.size() >= MAX_CACHE) {
                cache.clear();
            }
            cache.put(url, new Cached(r, System.nanoTime() + config.cacheTtl().toNanos()));
        }
        return r;
    }

    private Result fetch(String url) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
                    .header("Accept", "application/json").GET().build();
        } catch (IllegalArgumentException e) {
            return new Result.Failed("invalid URL " + url + ": " + e.getMessage(), false);
        }
        String last = "";
        Duration delay = config.backoff();
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            if (attempt > 0) {
                sleep(delay);
                delay = min(delay.multipliedBy(2), Duration.ofSeconds(10));
            }
            throttle();
            try {
                HttpResponse<String> resp = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = resp.statusCode();
                if (status == 429 || status >= 500) {
                    last = "HTTP " + status + " from " + url;
                    delay = resp.headers().firstValue("Retry-After").map(HttpLookup::seconds).map(s -> max(s, config.backoff()))
                            .orElse(delay);
                    continue;
                }
                if (status >= 400) {
                    return new Result.Failed("HTTP " + status + " from " + url, false);
                }
                try {
                    return new Result.Found(MAPPER.readTree(resp.body()));
                } catch (IOException e) {
                    return new Result.Failed("response from " + url + " is not JSON", false);
                }
            } catch (java.net.http.HttpTimeoutException e) {
                last = "timed out after " + config.timeout().toMillis() + " ms calling " + url;
            } catch (IOException e) {
                last = "could not call " + url + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryableException("Interrupted while calling " + url, e);
            }
        }
        return new Result.Failed(last + " (after " + (config.retries() + 1) + " attempts)", true);
    }

    /** Waits for the next request slot of the rate limit. */
    private void throttle() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            sleep(Duration.ofNanos(wait));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("Interrupted while waiting to call an HTTP enrichment", e);
        }
    }

    private static Duration seconds(String s) {
        try {
            return Duration.ofSeconds(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Reads {@code $.a.b[0].c} from a JSON document; null when absent. */
    public static JsonNode path(JsonNode root, String path) {
        JsonNode n = root;
        String p = path.startsWith("$") ? path.substring(1) : path;
        for (String part : p.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                name = part.substring(0, bracket);
            }
            if (!name.isEmpty()) {
                n = n == null ? null : n.get(name);
            }
            while (bracket >= 0 && n != null) {
                int close = part.indexOf(']', bracket);
                n = n.get(Integer.parseInt(part.substring(bracket + 1, close)));
                bracket = part.indexOf('[', close);
            }
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** Values extracted for the configured fields, as text (null when the path is absent). */
    public Map<String, String> extract(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        config.fields().forEach((field, path) -> {
            JsonNode v = path(body, path);
            out.put(field, v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
        });
        return out;
    }

    private record Cached(Result result, long expiresAt) {
    }
}
