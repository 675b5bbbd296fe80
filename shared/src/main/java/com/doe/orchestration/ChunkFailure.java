package com.doe.orchestration;

/**
 * A task of a stage that reported a failure.
 *
 * @param chunk     the chunk index (-1 for a whole-run task)
 * @param attempt   the dispatch it answered
 * @param retryable whether a new attempt may pass ({@code ErrorInfo.errorClass} RETRYABLE)
 * @param message   what failed, as shown to users
 */
public record ChunkFailure(int chunk, int attempt, boolean retryable, String message) {
}
