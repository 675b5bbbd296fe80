package com.doe.step;

import com.doe.step.enrich.LookupSource;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Shared clients that executable steps use, built once per worker process.
 *
 * @param lookups reference datasets for {@code enrich.lookup}
 * @param http    the HTTP client for {@code enrich.http}
 */
public record StepServices(LookupSource lookups, HttpClient http) {

    /** Services with the given lookups and a default HTTP client (HTTP/1.1, 5 s connect timeout). */
    public static StepServices of(LookupSource lookups) {
        return new StepServices(lookups, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build());
    }
}
