package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.engine.CommandResult;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The adapter's one subscription to the engine: hands every command result, on the engine
 * thread, to the listeners of the open streams. Listeners only filter and queue.
 */
final class EngineFeed implements Consumer<CommandResult> {
    private final CopyOnWriteArrayList<Consumer<CommandResult>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void accept(CommandResult result) {
        for (Consumer<CommandResult> l : listeners) {
            l.accept(result);
        }
    }

    /** Adds a listener; the returned action removes it. */
    Runnable add(Consumer<CommandResult> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    int size() {
        return listeners.size();
    }
}
