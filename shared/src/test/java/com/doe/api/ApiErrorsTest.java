package com.doe.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.RetryableException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void anUnexpectedFailureIs500WithAnErrorIdAndNoInternals() {
        ApiResponse response = ApiErrors.from(new IllegalStateException("secret internals at com.doe.X"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body().at("/error/code").asText()).isEqualTo("internal");
        String message = response.body().at("/error/message").asText();
        assertThat(message).containsPattern("error id [0-9a-f-]{36}").doesNotContain("secret");
    }

    @Test
    void aRetryableFailureIs503WithItsMessage() {
        ApiResponse response = ApiErrors.from(new RetryableException("Cosmos DB is throttling; try again in a minute."));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body().at("/error/message").asText()).contains("try again");
    }
}
