package com.doe.orchestration;

/**
 * The orchestration's custom status, as the durable status API shows it while a run is in flight.
 *
 * @param stage       {@code i/n}: the stage in progress and how many there are
 * @param name        the stage's name
 * @param attempt     its dispatch number
 * @param chunksDone  its tasks done
 * @param chunksTotal its task count
 * @param rows        rows the stage has processed so far (rowsIn of its done tasks)
 * @param rowsRead    rows the run read from its file
 */
public record RunProgressView(String stage, String name, int attempt, int chunksDone, int chunksTotal, long rows,
                              long rowsRead) {
}
