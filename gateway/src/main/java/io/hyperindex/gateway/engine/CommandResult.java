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

    /** The rejection reason if the command was refused as a whole, else null. */
    public io.hyperindex.gateway.domain.ReasonCode rejection() {
        return events.size() == 1 && events.get(0) instanceof EngineEvent.OrderRejected r ? r.reason() : null;
    }
}
