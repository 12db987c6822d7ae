package io.hyperindex.gateway.ops.health;

import io.hyperindex.gateway.engine.Engine;

/**
 * Whether the gateway can take orders: false until the engine has recovered its journal and
 * started, and again if it stops.
 */
public final class EngineReadiness {
    private volatile Engine engine;

    /** Call once {@link Engine#start} has returned: from now on the gateway reports ready. */
    public void engineStarted(Engine started) {
        this.engine = started;
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

    /** The last command sequence committed to the journal, or -1 before recovery finished. */
    public long lastSequence() {
        Engine e = engine;
        return e == null ? -1 : e.lastSequence();
    }
}
