package com.doe.step.enrich;

import com.doe.step.StepConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of an {@code enrich} step: a reference-data lookup, an HTTP lookup, or both (lookup first).
 *
 * @param lookup the reference-data join, or null
 * @param http   the HTTP lookup, or null
 */
public record EnrichConfig(Lookup lookup, Http http) implements StepConfig {

    /** What to do when a row finds no reference row or the HTTP lookup fails. */
    public enum OnMissing { NULL, REJECT, DROP, FAIL }

    /**
     * @param dataset   reference dataset, {@code container/path.csv} or {@code .jsonl} in Blob Storage
     * @param on        row field -> reference column; all must match
     * @param fields    new field -> reference column copied into it (as text)
     * @param onMissing {@code null} (fields stay null), {@code reject} (quarantine), {@code drop} (filtered)
     */
    public record Lookup(String dataset, Map<String, String> on, Map<String, String> fields, OnMissing onMissing) {
    }

    /**
     * @param url            URL template; {@code {field}} is replaced by the URL-encoded value of the field
     * @param fields         new field -> JSON path in the response ({@code $.a.b[0]}), copied as text
     * @param timeout        per request
     * @param cacheTtl       how long a response is reused for the same URL (per worker)
     * @param maxRequestsPerSecond rate limit per worker
     * @param retries        retries after a timeout, connection error, 429 or 5xx, with exponential backoff
     * @param backoff        the first retry's delay; doubled each retry, at most 10 s
     * @param onError        {@code reject} (default), {@code null}, {@code drop} or {@code fail}
     */
    public record Http(String url, Map<String, String> fields, Duration timeout, Duration cacheTtl,
                       double maxRequestsPerSecond, int retries, Duration backoff, OnMissing onError) {
    }
}
