package io.hyperindex.gateway.engine;

import java.nio.file.Path;

/**
 * What start-up found in the data directory.
 *
 * @param snapshotSequence sequence of the snapshot loaded (0 = none)
 * @param replayedCommands journal records replayed after it
 * @param lastSequence     last durable command sequence
 * @param tornTailBytes    bytes cut from a torn journal tail (0 = clean)
 * @param tornTailFile     the segment that had the torn tail, or null
 * @param stateHash        SHA-256 of the recovered state
 * @param millis           how long recovery took
 */
public record RecoveryReport(long snapshotSequence, long replayedCommands, long lastSequence, long tornTailBytes,
                             Path tornTailFile, String stateHash, long millis) {
}
