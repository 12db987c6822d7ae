package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;

import java.util.List;

/**
 * A command's outcome, released only once its journal record is durable.
 *
 * @param sequence  the command's journal sequence number (1, 2, 3, ...)
 * @param timestamp the time the engine stamped on it, epoch nanoseconds
 * @param command   the command
 * @param events    what it produced, in order (market-data events last)
 */
public record CommandResult(long sequence, long timestamp, Command command, List<EngineEvent> events) {

    /** The rejection reason if the command was refused, else null. */
    public io.hyperindex.gateway.domain.ReasonCode rejection() {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof EngineEvent.OrderRejected r) {
                return r.reason();
            }
        }
        return null;
    }
}
