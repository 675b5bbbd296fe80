package com.doe.local.host.durable;

/** Thrown to a client that names an instance the task hub does not hold; the client service answers NOT_FOUND. */
public final class InstanceNotFoundException extends RuntimeException {

    InstanceNotFoundException(String instanceId) {
        super("no orchestration instance with id '" + instanceId + "'");
    }
}
