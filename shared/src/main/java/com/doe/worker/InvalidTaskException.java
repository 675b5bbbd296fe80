package com.doe.worker;

import com.doe.DoeException;

/**
 * A {@code StageTask} that no orchestration of this engine could have dispatched (no run id, stage
 * name or task count). Permanent: the stage function sends the record to the dead-letter topic
 * instead of answering it, since there is no run to answer.
 */
public final class InvalidTaskException extends DoeException {

    public InvalidTaskException(String message) {
        super(message);
    }
}
