package io.hyperindex.gateway.api.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hyperindex.gateway.domain.ReasonCode;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One server stream with a bounded queue between the engine thread and the network. The
 * engine thread {@link #offer offers} items and never waits; a drain task on the gRPC
 * executor converts them to messages and writes while the transport is ready (gRPC flow
 * control). A reader that falls so far behind that the queue fills is ended with
 * RESOURCE_EXHAUSTED / SLOW_CONSUMER instead of letting the queue grow.
 *
 * @param <Q> what the engine side queues (cheap domain values)
 * @param <T> the message sent
 */
final class BoundedStream<Q, T> {
    private final ServerCallStreamObserver<T> out;
    private final ArrayBlockingQueue<Q> queue;
    private final Executor executor;
    private final Function<Q, T> toMessage;
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean overflowed;
    /** Set (once) by {@link #fail} from any thread; acted on by the drain, the only writer. */
    private volatile String endMessage;
    private volatile ReasonCode endReason;
    /** Run once each when the stream ends (unsubscribe, release its slot); guarded by itself. */
    private final java.util.List<Runnable> onEnd = new java.util.ArrayList<>();

    /**
     * Must be created inside the service method (gRPC accepts the ready and cancel handlers
     * only there).
     *
     * @param toMessage converts a queued item on the drain thread; null skips the item
     */
    BoundedStream(StreamObserver<T> observer, int capacity, Executor executor, Function<Q, T> toMessage) {
        this.out = (ServerCallStreamObserver<T>) observer;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.executor = executor;
        this.toMessage = toMessage;
        out.setOnReadyHandler(this::drainSoon);
        out.setOnCancelHandler(() -> {
            if (ended.compareAndSet(false, true)) {
                runEndActions();
            }
        });
    }

    /** Adds something to do, exactly once, when the stream ends for any reason (at once if it has ended). */
    void onEnd(Runnable action) {
        synchronized (onEnd) {
            onEnd.add(action);
        }
        if (ended.get()) {
            runEndActions();
        }
    }

    private void runEndActions() {
        java.util.List<Runnable> due;
        synchronized (onEnd) {
            due = new java.util.ArrayList<>(onEnd);
            onEnd.clear();
        }
        due.forEach(Runnable::run);
    }

    /** Queues an item; never blocks. A full queue ends the stream as a slow consumer. */
    void offer(Q item) {
        if (ended.get()) {
            return;
        }
        if (!queue.offer(item)) {
            overflowed = true;
        }
        drainSoon();
    }

    private void drainSoon() {
        if (drainRequests.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    /** Writes and ends the stream; runs on the executor, one pass at a time, so calls on the observer never overlap. */
    private void drain() {
        int pending = drainRequests.get();
        while (true) {
            if (!ended.get()) {
                if (overflowed && endReason == null) {
                    fail(ReasonCode.SLOW_CONSUMER, "the stream's reader fell " + queue.size()
                            + " messages behind (the per-stream limit); read faster and resubscribe");
                }
                if (endReason != null) {
                    terminate();
                } else {
                    writeWhileReady();
                }
            } else {
                queue.clear();
            }
            pending = drainRequests.addAndGet(-pending);
            if (pending == 0) {
                return;
            }
        }
    }

    private void writeWhileReady() {
        try {
            while (out.isReady() && !ended.get()) {
                Q item = queue.poll();
                if (item == null) {
                    return;
                }
                T message = toMessage.apply(item);
                if (message != null) {
                    out.onNext(message);
                }
            }
        } catch (RuntimeException e) {
            // the call was cancelled under us: the cancel handler unsubscribes
            queue.clear();
        }
    }

    /** Ends the stream with a reason; callable from any thread (the drain delivers it). */
    void fail(ReasonCode reason, String message) {
        synchronized (this) {
            if (endReason == null) {
                endMessage = message;
                endReason = reason;
            }
        }
        drainSoon();
    }

    private void terminate() {
        if (ended.compareAndSet(false, true)) {
            queue.clear();
            runEndActions();
            try {
                out.onError(StatusMapping.toException(endReason, endMessage));
            } catch (RuntimeException ignored) {
                // already cancelled by the client
            }
        }
    }
}
