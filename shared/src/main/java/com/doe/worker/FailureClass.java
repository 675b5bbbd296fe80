package com.doe.worker;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ServiceResponseException;
import com.azure.cosmos.CosmosException;
import com.doe.DoeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Says whether a failure may pass on a later attempt: DOE's {@link com.doe.RetryableException}, and
 * the SDKs' timeouts, throttling and unavailability (HTTP 408, 429, 5xx from Blob Storage or Cosmos
 * DB, connection failures, Kafka's and Neo4j's retriable errors). Everything else is permanent. The
 * cause chain is searched, so a wrapped SDK timeout still counts as retryable, while a
 * {@link DoeException} that says it is permanent is believed even when its cause is not.
 */
public final class FailureClass {

    private FailureClass() {
    }

    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DoeException d) {
                return d.isRetryable();
            }
            if (transientSdkFailure(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientSdkFailure(Throwable t) {
        if (t instanceof HttpResponseException h && h.getResponse() != null) {
            return transientStatus(h.getResponse().getStatusCode());
        }
        if (t instanceof CosmosException c) {
            return transientStatus(c.getStatusCode()) || c.getStatusCode() == 410 || c.getStatusCode() == 449;
        }
        return t instanceof ServiceResponseException
                || t instanceof TimeoutException
                || t instanceof HttpTimeoutException
                || t instanceof UncheckedIOException
                || t instanceof IOException
                || t instanceof org.apache.kafka.common.errors.RetriableException
                || t instanceof org.neo4j.driver.exceptions.RetryableException;
    }

    private static boolean transientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}
