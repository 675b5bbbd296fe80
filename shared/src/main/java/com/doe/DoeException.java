package com.doe;

/**
 * Root of every exception DOE throws. Unchecked: callers handle failures where they can act on them
 * (the stage function, the orchestrator), not at every call site.
 *
 * <p>Messages name what failed (pipeline, step, file, line, field or setting) and say how to fix it.
 * Bad data is never an exception: it is a rejection routed to quarantine. Exceptions are for broken
 * configuration and infrastructure. A failure that may succeed on a later attempt is a
 * {@link RetryableException}; everything else is permanent and fails fast.
 */
public class DoeException extends RuntimeException {

    public DoeException(String message) {
        super(message);
    }

    public DoeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same operation may succeed if attempted again later. */
    public boolean isRetryable() {
        return false;
    }
}
