package io.hyperindex.gateway.api.fix;

import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One of the FIX adapter's outbound threads (a report lane, the market-data thread, a sender):
 * runs tasks in submission order (engine results,
 * requests that need the order state). When its queue runs dry it first yields the CPU for a
 * while ({@code yieldMicros}), checking for work between yields, and only then parks until a
 * producer wakes it: at a steady order flow the next result finds it awake, without a futex
 * wake-up on the engine thread's side or a scheduler round trip on its own, while an idle
 * gateway still gives its core back. Yielding, unlike spinning, lets any other runnable thread
 * have the CPU, which matters on a machine with few cores.
 *
 * <p>{@link #executeLazily} queues a task without waking the thread: for work nobody is waiting
 * on, which a thread with a {@code maxParkMicros} picks up within that time (or at once with the
 * next woken task, in submission order).
 */
final class OutboundThread implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboundThread.class);

    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final long yieldNanos;
    private final long maxParkNanos;
    private final Thread thread;
    private volatile boolean parked;
    private volatile boolean running = true;
    private volatile boolean abandoned;

    OutboundThread(String name, long yieldMicros) {
        this(name, yieldMicros, 0);
    }

    /** As {@link #OutboundThread(String, long)}, parking at most {@code maxParkMicros} (0 = until woken). */
    OutboundThread(String name, long yieldMicros, long maxParkMicros) {
        this.yieldNanos = TimeUnit.MICROSECONDS.toNanos(yieldMicros);
        this.maxParkNanos = TimeUnit.MICROSECONDS.toNanos(maxParkMicros);
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        executeLazily(task);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Queues {@code task} without waking the thread: it runs when the thread next looks, within
     * {@code maxParkMicros} of the constructor when that is set, in order with every other task.
     */
    void executeLazily(Runnable task) {
        if (!running) {
            throw new java.util.concurrent.RejectedExecutionException("the FIX outbound thread has stopped");
        }
        tasks.offer(task);
    }

    private void loop() {
        long idleSince = 0;
        while (running || (!abandoned && !tasks.isEmpty())) {
            Runnable task = tasks.poll();
            if (task != null) {
                idleSince = 0;
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("FIX outbound task failed", e);
                }
                continue;
            }
            long now = System.nanoTime();
            if (idleSince == 0) {
                idleSince = now;
            }
            if (now - idleSince < yieldNanos) {
                Thread.yield();
                continue;
            }
            parked = true;
            if (tasks.isEmpty() && running) { // re-check after publishing the flag: no lost wake-up
                if (maxParkNanos > 0) {
                    LockSupport.parkNanos(this, maxParkNanos);
                } else {
                    LockSupport.park(this);
                }
            }
            parked = false;
            idleSince = 0;
        }
    }

    /** Runs what is queued, then stops; waits up to {@code millis} for that. */
    boolean stop(long millis) throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join(millis);
        return !thread.isAlive();
    }

    /** Stops at once: tasks still queued are dropped. */
    @Override
    public void close() {
        abandoned = true;
        running = false;
        LockSupport.unpark(thread);
    }
}
