package com.doe.local.host.invoke;

/** Trigger data that cannot be turned into the parameter's type. */
public final class BindingException extends RuntimeException {

    public BindingException(String message, Throwable cause) {
        super(message, cause);
    }

    public BindingException(String message) {
        super(message);
    }
}
