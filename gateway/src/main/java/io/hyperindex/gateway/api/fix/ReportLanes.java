package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * The FIX adapter's order-report lanes: {@code N} threads, each with its own
 * {@link ExecutionReporter} for the accounts {@code a} with {@code floorMod(a, N)} equal to its
 * index. A lane turns the engine's results into its accounts' ExecutionReports and sends them on
 * the sessions itself, so a report takes one thread hand-off from the engine to the socket, and
 * the lanes of different accounts build and send in parallel.
 *
 * <p>Everything about one account (its orders, its sessions' requests, its drop copies) runs on
 * one lane in order, so a session's reports keep the engine's order. A result goes only to the
 * lanes of the accounts it touches (the command's account, and the accounts in its order events),
 * which is one lane for most results.
 */
final class ReportLanes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReportLanes.class);

    private final OutboundThread[] threads;
    private final ExecutionReporter[] reporters;

    ReportLanes(int lanes, long yieldMicros, Engine engine, List<Instrument> instruments, FixSessionDirectory directory,
                LiveSessions sessions, FixAcceptor.Observer observer) {
        if (lanes < 1 || lanes > Long.SIZE) {
            throw new IllegalArgumentException("FIX report lanes must be 1 to 64, not " + lanes);
        }
        threads = new OutboundThread[lanes];
        reporters = new ExecutionReporter[lanes];
        for (int i = 0; i < lanes; i++) {
            threads[i] = new OutboundThread("fix-reports-" + i, yieldMicros);
            reporters[i] = new ExecutionReporter(engine, threads[i], instruments, directory, sessions, observer, i, lanes,
                    LiveSessions::sendNow);
        }
    }

    int size() {
        return threads.length;
    }

    /** The reporter owning {@code account}'s orders: its {@code submit} is safe on any thread, the rest only on its lane. */
    ExecutionReporter reporter(int account) {
        return reporters[ExecutionReporter.laneOf(account, reporters.length)];
    }

    /** Runs {@code task} on the lane of {@code account}, with that lane's reporter. */
    void execute(int account, Consumer<ExecutionReporter> task) {
        int lane = ExecutionReporter.laneOf(account, reporters.length);
        ExecutionReporter reporter = reporters[lane];
        threads[lane].execute(() -> task.accept(reporter));
    }

    /** Runs {@code task} on every lane with its reporter. */
    void executeOnAll(Consumer<ExecutionReporter> task) {
        for (int i = 0; i < threads.length; i++) {
            ExecutionReporter reporter = reporters[i];
            threads[i].execute(() -> task.accept(reporter));
        }
    }

    /** Hands an engine result to the lanes whose accounts it touches. Called on the engine's thread. */
    void onResult(CommandResult r) {
        int n = threads.length;
        if (n == 1) {
            dispatch(0, r);
            return;
        }
        long mask = 1L << ExecutionReporter.laneOf(r.command().account(), n);
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderAccepted a) {
                mask |= 1L << ExecutionReporter.laneOf(a.account(), n);
            } else if (e instanceof EngineEvent.TradeExecuted t) {
                if (t.makerAccount() != EngineEvent.TradeExecuted.EXTERNAL_ACCOUNT) {
                    mask |= 1L << ExecutionReporter.laneOf(t.makerAccount(), n);
                }
                if (t.takerAccount() != EngineEvent.TradeExecuted.EXTERNAL_ACCOUNT) {
                    mask |= 1L << ExecutionReporter.laneOf(t.takerAccount(), n);
                }
            } else if (e instanceof EngineEvent.OrderCancelled c) {
                mask |= 1L << ExecutionReporter.laneOf(c.account(), n);
            } else if (e instanceof EngineEvent.OrderAmended a) {
                mask |= 1L << ExecutionReporter.laneOf(a.account(), n);
            } else if (e instanceof EngineEvent.VenueCancelRequested v) {
                mask |= 1L << ExecutionReporter.laneOf(v.account(), n);
            }
        }
        for (int i = 0; i < n; i++) {
            if ((mask & (1L << i)) != 0) {
                dispatch(i, r);
            }
        }
    }

    private void dispatch(int lane, CommandResult r) {
        ExecutionReporter reporter = reporters[lane];
        threads[lane].execute(() -> {
            try {
                reporter.onResult(r);
            } catch (RuntimeException e) {
                log.error("FIX reports of command {} failed on lane {}", r.sequence(), lane, e);
            }
        });
    }

    /** Runs what is queued on every lane, then stops them; waits up to {@code millis} in all. */
    boolean stop(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        boolean all = true;
        for (OutboundThread t : threads) {
            all &= t.stop(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return all;
    }

    @Override
    public void close() {
        for (OutboundThread t : threads) {
            t.close();
        }
    }
}
