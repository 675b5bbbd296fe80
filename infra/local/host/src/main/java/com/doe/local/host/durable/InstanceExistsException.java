package com.doe.local.host.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;

/**
 * Thrown when an instance is started with the id of one that is still running (only a finished
 * instance may be replaced, as with Durable Functions' default); the client service answers
 * ALREADY_EXISTS.
 */
public final class InstanceExistsException extends RuntimeException {

    InstanceExistsException(String instanceId, OrchestrationStatus status) {
        super("orchestration instance '" + instanceId + "' already exists and is " + status);
    }
}
