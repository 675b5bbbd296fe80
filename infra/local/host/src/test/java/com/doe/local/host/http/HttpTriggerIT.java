package com.doe.local.host.http;

import com.doe.local.host.HostOptions;
import com.doe.local.host.LocalHost;
import com.doe.local.host.support.HttpCalls;
import com.doe.local.host.support.TestApp;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP triggers through the real host: routes, methods, bodies, metadata, status codes. */
class HttpTriggerIT {

    private static LocalHost host;

    @BeforeAll
    static void start() throws Exception {
        host = LocalHost.start(new HostOptions(TestApp.folder(), "127.0.0.1", 0, 0, java.time.Duration.ofSeconds(1),
                TestApp.unique("host")), TestApp.settings(Map.of()));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void getRoundTripsRouteValueQueryAndContext() {
        HttpResponse<String> response = HttpCalls.get(host.httpPort(), "/api/items/42?q=hello%20world");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.get("id").getAsString()).isEqualTo("42");
        assertThat(body.get("method").getAsString()).isEqualTo("GET");
        assertThat(body.get("body").getAsString()).isEqualTo("<none>");
        assertThat(body.get("q").getAsString()).isEqualTo("hello world");
        assertThat(body.get("function").getAsString()).isEqualTo("Echo");
        assertThat(body.get("invocationId").getAsString()).isNotBlank();
    }

    @Test
    void postDeliversTheBodyAndHeadersWithoutAFunctionKey() {
        HttpResponse<String> response = HttpCalls.post(host.httpPort(), "/api/ITEMS/a%2Fb", "payload");

        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("id").getAsString()).isEqualTo("a/b");
        assertThat(body.get("body").getAsString()).isEqualTo("payload");
        assertThat(body.get("contentType").getAsString()).isEqualTo("text/plain");
    }

    @Test
    void unknownRouteOrMethodIs404() {
        assertThat(HttpCalls.get(host.httpPort(), "/api/nothing/here").statusCode()).isEqualTo(404);
        assertThat(HttpCalls.get(host.httpPort(), "/items/42").statusCode()).isEqualTo(404);
        assertThat(HttpCalls.post(host.httpPort(), "/api/fail", "").statusCode()).isEqualTo(404);
    }

    @Test
    void failingFunctionAnswers500WithoutDetails() {
        HttpResponse<String> response = HttpCalls.get(host.httpPort(), "/api/fail");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void healthAnswersOnceReady() {
        assertThat(HttpCalls.get(host.httpPort(), "/api/health").statusCode()).isEqualTo(200);
    }
}
