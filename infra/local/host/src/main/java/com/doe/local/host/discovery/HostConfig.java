package com.doe.local.host.discovery;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The parts of {@code host.json} the local host honours.
 *
 * @param routePrefix             {@code extensions.http.routePrefix} (default {@code api})
 * @param kafkaMaxBatchSize       {@code extensions.kafka.maxBatchSize} (default 64)
 * @param kafkaMaxRetries         {@code extensions.kafka.maxRetries}: deliveries of a failing batch before
 *                                its offsets are committed anyway (default 5)
 * @param hubName                 {@code extensions.durableTask.hubName}, settings resolved; the unresolved text
 *                                when a setting it names is missing (only apps with durable functions need it)
 * @param maxConcurrentActivities {@code extensions.durableTask.maxConcurrentActivityFunctions}
 * @param maxConcurrentOrchestrators {@code extensions.durableTask.maxConcurrentOrchestratorFunctions}
 * @param functionTimeout         {@code functionTimeout}: after this a blob claim of a vanished host is retaken
 */
public record HostConfig(String routePrefix, int kafkaMaxBatchSize, int kafkaMaxRetries, String hubName,
                         int maxConcurrentActivities, int maxConcurrentOrchestrators, Duration functionTimeout) {

    public static HostConfig read(Path hostJson, Settings settings) {
        JsonObject root = new JsonObject();
        if (Files.isRegularFile(hostJson)) {
            try {
                root = JsonParser.parseString(Files.readString(hostJson)).getAsJsonObject();
            } catch (IOException | RuntimeException e) {
                throw new DiscoveryException("cannot read " + hostJson + ": " + e.getMessage(), e);
            }
        }
        JsonObject extensions = object(root, "extensions");
        JsonObject http = object(extensions, "http");
        JsonObject kafka = object(extensions, "kafka");
        JsonObject durable = object(extensions, "durableTask");
        String prefix = string(http, "routePrefix", "api");
        String hubText = string(durable, "hubName", "TestHubName");
        String hub;
        try {
            hub = settings.resolve(hubText, "host.json durableTask.hubName");
        } catch (DiscoveryException missing) {
            hub = hubText;
        }
        return new HostConfig(
                trimSlashes(prefix),
                integer(kafka, "maxBatchSize", 64),
                integer(kafka, "maxRetries", 5),
                hub,
                integer(durable, "maxConcurrentActivityFunctions", 8),
                integer(durable, "maxConcurrentOrchestratorFunctions", 8),
                root.has("functionTimeout") ? parseTimeSpan(root.get("functionTimeout").getAsString()) : Duration.ofMinutes(30));
    }

    private static JsonObject object(JsonObject parent, String name) {
        JsonElement child = parent.get(name);
        return child != null && child.isJsonObject() ? child.getAsJsonObject() : new JsonObject();
    }

    private static String string(JsonObject parent, String name, String fallback) {
        JsonElement child = parent.get(name);
        return child != null && child.isJsonPrimitive() ? child.getAsString() : fallback;
    }

    private static int integer(JsonObject parent, String name, int fallback) {
        JsonElement child = parent.get(name);
        return child != null && child.isJsonPrimitive() ? child.getAsInt() : fallback;
    }

    private static String trimSlashes(String value) {
        return value.replaceAll("^/+|/+$", "");
    }

    /** {@code hh:mm:ss} as in host.json. */
    static Duration parseTimeSpan(String value) {
        String[] parts = value.split(":");
        if (parts.length != 3) {
            throw new DiscoveryException("host.json functionTimeout '" + value + "' is not hh:mm:ss");
        }
        return Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusMillis(Math.round(Double.parseDouble(parts[2]) * 1000));
    }
}
