package io.hyperindex.gateway.ops.metrics;

import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.engine.CommandResult;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * Counts the engine's rejections by reason code. Subscribed to the engine, it runs on the
 * engine thread, so it allocates nothing and takes no lock: one atomic increment per rejected
 * command, in an array the scrape reads.
 */
final class RejectionCounter implements Consumer<CommandResult> {
    private final AtomicLongArray counts = new AtomicLongArray(ReasonCode.values().length);

    @Override
    public void accept(CommandResult result) {
        List<EngineEvent> events = result.events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof EngineEvent.OrderRejected r) {
                counts.incrementAndGet(r.reason().ordinal());
            }
        }
    }

    long count(ReasonCode reason) {
        return counts.get(reason.ordinal());
    }
}
