package io.hyperindex.gateway.mm.sim;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.mm.MarketMakerCore;
import io.hyperindex.gateway.mm.MmParams;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Drives a {@link MarketMakerCore} on the caller's thread instead of the market maker's own:
 * after each step the caller lets the engine and the market maker settle, so that on a
 * simulated clock a run is deterministic (the simulator, tests of time-driven rules).
 */
public final class SynchronousDriver {
    private final ConcurrentLinkedQueue<Object> mailbox = new ConcurrentLinkedQueue<>();
    private final List<String> alerts = new CopyOnWriteArrayList<>();
    private final Engine engine;
    private final MarketMakerCore core;

    public SynchronousDriver(Engine engine, int account, Map<Instrument, MmParams> quoted, LongSupplier clock) {
        this.engine = engine;
        this.core = new MarketMakerCore(engine, account, quoted, clock, mailbox::add, alerts::add);
        engine.subscribe(r -> {
            if (core.wants(r)) {
                mailbox.add(r);
            }
        });
    }

    public MarketMakerCore core() {
        return core;
    }

    /** Every kill and pause reason the core raised, in order. */
    public List<String> alerts() {
        return alerts;
    }

    /** The timer, then settle. */
    public void tick() {
        core.onTimer();
        settle();
    }

    /** Lets the engine and the market maker run until neither has anything left to do. */
    public void settle() {
        for (int round = 0; round < 1_000; round++) {
            try {
                engine.query(c -> null).get(30, TimeUnit.SECONDS); // every earlier command's result is delivered
            } catch (Exception e) {
                throw new IllegalStateException("the engine did not answer", e);
            }
            Object o;
            boolean any = false;
            while ((o = mailbox.poll()) != null) {
                any = true;
                if (o instanceof CommandResult r) {
                    core.onResult(r);
                } else if (o instanceof Runnable task) {
                    task.run();
                }
            }
            core.flush();
            if (!any && core.quiet()) {
                return;
            }
        }
        throw new IllegalStateException("the market maker did not settle");
    }
}
