package com.doe.sink;

import com.doe.chunk.Chunk;

/**
 * Writes the rows of one chunk to one destination (a {@code neo4j}, {@code cosmos}, {@code blob} or
 * {@code kafka} step). Built once per pipeline version and step, shared by every chunk.
 *
 * <p>Contract:
 * <ul>
 *   <li><b>At least once in, same state out.</b> Chunks are delivered at least once and in any order;
 *       writing a chunk again, or two chunks in either order, must leave the destination in the same state
 *       (each sink documents its exact guarantee).</li>
 *   <li><b>Bad data is a value.</b> A row the destination refuses because of its content (a null key, a
 *       document over the size limit) is returned in {@link SinkResult#rejected()} with the reason; the rest
 *       of the chunk is written.</li>
 *   <li><b>Exceptions are for infrastructure.</b> {@link com.doe.RetryableException} when the service is
 *       unavailable or throttling outlasted the SDK's retries (the stage is re-delivered later, which is
 *       harmless by the first rule); {@link com.doe.DoeException} for broken configuration.</li>
 *   <li>The input is never mutated. Implementations are thread-safe.</li>
 * </ul>
 */
public interface Sink {

    /** The step this sink executes. */
    String stepId();

    /**
     * Writes {@code chunk}'s rows.
     *
     * @param run   the run, for paths, headers and markers
     * @param chunk the rows, all of {@code chunk.schema()}, in source order
     */
    SinkResult write(RunContext run, Chunk chunk);
}
