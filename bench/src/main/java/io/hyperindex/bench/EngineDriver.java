package io.hyperindex.bench;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pushes commands through a running {@link Engine} from one producer thread as fast as the
 * engine takes them (closed loop, with at most {@code window} commands in flight so the ring
 * never overflows), counting replies and rejections on the engine thread.
 */
public final class EngineDriver {
    private final Engine engine;
    private final int window;
    private volatile long answered;
    private volatile long rejected;
    private volatile String firstRejection;
    private final Consumer<CommandResult> reply = this::onReply;

    public EngineDriver(Engine engine, int window) {
        this.engine = engine;
        this.window = window;
    }

    private void onReply(CommandResult r) {
        // single writer (the engine thread): plain read-increment-write of a volatile is safe
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderRejected x) {
                if (firstRejection == null) {
                    firstRejection = x + " for " + r.command();
                }
                rejected = rejected + 1;
            }
        }
        answered = answered + 1;
    }

    /** Submits every command and returns once all of them are answered (durable). */
    public void run(List<Command> commands) {
        long sent = answered;
        for (Command c : commands) {
            while (sent - answered >= window) {
                Thread.onSpinWait();
            }
            engine.submit(c, reply);
            sent++;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (answered < sent) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the engine answered " + answered + " of " + sent + " commands in 120 s");
            }
            Thread.onSpinWait();
        }
    }

    public long answered() {
        return answered;
    }

    public long rejected() {
        return rejected;
    }

    /** Throws if any command was refused: a benchmark of refusals would measure the wrong path. */
    public void requireNoRejections() {
        if (rejected > 0) {
            throw new IllegalStateException(rejected + " commands were rejected; the first: " + firstRejection);
        }
    }
}
