package com.doe.local.host.http;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HttpBindingTest {

    public record Pipeline(String id, int version) {
    }

    @SuppressWarnings("unused")
    private static void shapes(HttpRequestMessage<Optional<String>> text, HttpRequestMessage<Optional<byte[]>> bytes,
                               HttpRequestMessage<Pipeline> pojo) {
    }

    private static Type parameter(int index) throws Exception {
        return HttpBindingTest.class.getDeclaredMethod("shapes", HttpRequestMessage.class, HttpRequestMessage.class,
                HttpRequestMessage.class).getGenericParameterTypes()[index];
    }

    @Test
    void bodyIsTypedAsTheFunctionDeclaresIt() throws Exception {
        byte[] json = "{\"id\":\"p1\",\"version\":2}".getBytes(StandardCharsets.UTF_8);

        var text = (HttpRequestMessage<?>) HttpFrontEnd.triggerValue(parameter(0), URI.create("http://h/api/x"), "POST", Map.of(), Map.of(), json);
        var bytes = (HttpRequestMessage<?>) HttpFrontEnd.triggerValue(parameter(1), URI.create("http://h/api/x"), "POST", Map.of(), Map.of(), json);
        var pojo = (HttpRequestMessage<?>) HttpFrontEnd.triggerValue(parameter(2), URI.create("http://h/api/x"), "PUT", Map.of(), Map.of(), json);

        assertThat(text.getBody()).isEqualTo(Optional.of("{\"id\":\"p1\",\"version\":2}"));
        assertThat((Optional<?>) bytes.getBody()).get().isEqualTo(json);
        assertThat(pojo.getBody()).isEqualTo(new Pipeline("p1", 2));
        assertThat(pojo.getHttpMethod()).isEqualTo(HttpMethod.PUT);
    }

    @Test
    void emptyBodyIsAnEmptyOptional() throws Exception {
        var text = (HttpRequestMessage<?>) HttpFrontEnd.triggerValue(parameter(0), URI.create("http://h/api/x"), "GET", Map.of(), Map.of(), new byte[0]);

        assertThat(text.getBody()).isEqualTo(Optional.empty());
    }

    @Test
    void queryIsDecodedAndFirstValueWins() {
        assertThat(HttpFrontEnd.query("a=1&b=x%20y&a=2&flag")).containsExactly(
                Map.entry("a", "1"), Map.entry("b", "x y"), Map.entry("flag", ""));
    }
}
