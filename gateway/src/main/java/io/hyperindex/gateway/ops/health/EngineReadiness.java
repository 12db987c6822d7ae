package io.hyperindex.gateway.ops.health;

import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the gateway can take orders: false until the engine has recovered its journal and
 * started, and again if it stops. Also tracks the last durable sequence for /ready, fed by
 * the engine's result stream so that reading it never touches the engine thread's state.
 */
public final class EngineReadiness {
    private final AtomicLong lastSequence = new AtomicLong();
    private volatile Engine engine;

    /** Call once {@link Engine#start} has returned: from now on the gateway reports ready. */
    public void engineStarted(Engine started) {
        lastSequence.set(started.recovery().lastSequence());
        started.subscribe(this::onResult);
        this.engine = started;
    }

    private void onResult(CommandResult r) {
        lastSequence.accumulateAndGet(r.sequence(), Math::max);
    }

    /** True while a recovered engine accepts commands. */
    public boolean isReady() {
        Engine e = engine;
        return e != null && e.isReady();
    }

    /** The running engine, or null before recovery finished. */
    public Engine engine() {
        return engine;
    }

    /** The last durable command sequence seen (the recovered one until new commands arrive). */
    public long lastSequence() {
        return lastSequence.get();
    }
}
