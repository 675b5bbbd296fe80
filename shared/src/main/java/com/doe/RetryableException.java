package com.doe;

/**
 * A failure that may pass on a later attempt: a service unavailable, a timeout, throttling. The
 * orchestrator re-dispatches the work with backoff up to the pipeline's {@code maxAttempts}.
 */
public class RetryableException extends DoeException {

    public RetryableException(String message) {
        super(message);
    }

    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
