package com.doe.local.host.invoke;

/** A function invocation failed; the cause is what the function (or binding) threw. */
public final class InvocationException extends RuntimeException {

    public InvocationException(String function, Throwable cause) {
        super("function '" + function + "' failed: " + cause, cause);
    }
}
