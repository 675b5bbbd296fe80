package com.doe.local.host.discovery;

/**
 * The app cannot be served as written: a binding the local host does not support, a missing
 * setting, an unparseable route. The message names the function and what to change.
 */
public final class DiscoveryException extends RuntimeException {

    public DiscoveryException(String message) {
        super(message);
    }

    public DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
