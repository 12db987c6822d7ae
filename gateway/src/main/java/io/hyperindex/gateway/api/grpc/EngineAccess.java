package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.RequestRejected;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hyperindex.gateway.auth.Caller;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.MatchingEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What every service of the adapter shares: the engine, the names of instruments and
 * accounts, the executor that answers calls (engine callbacks only hand off to it), the
 * stream feed and its per-stream bound. Answers are never written on the engine thread.
 */
final class EngineAccess {
    private static final Logger log = LoggerFactory.getLogger(EngineAccess.class);
    final Engine engine;
    final Markets markets;
    final Executor executor;
    final EngineFeed feed;
    private final int streamCapacity;
    private final int maxStreamsPerAccount;
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> openStreams =
            new java.util.concurrent.ConcurrentHashMap<>();

    EngineAccess(Engine engine, Markets markets, Executor executor, EngineFeed feed, int streamCapacity,
                 int maxStreamsPerAccount) {
        this.engine = engine;
        this.markets = markets;
        this.executor = executor;
        this.feed = feed;
        this.streamCapacity = streamCapacity;
        this.maxStreamsPerAccount = maxStreamsPerAccount;
    }

    /**
     * Opens a bounded server stream for the caller, at most {@code maxStreamsPerAccount} at a
     * time per account (more: RESOURCE_EXHAUSTED / RATE_LIMITED), so no account can tie up
     * unbounded memory with streams.
     */
    <Q, T> BoundedStream<Q, T> openStream(StreamObserver<T> out, Function<Q, T> toMessage) {
        java.util.concurrent.atomic.AtomicInteger n = openStreams.computeIfAbsent(caller().account(),
                a -> new java.util.concurrent.atomic.AtomicInteger());
        if (n.incrementAndGet() > maxStreamsPerAccount) {
            n.decrementAndGet();
            throw new RequestRejected(ReasonCode.RATE_LIMITED, "at most " + maxStreamsPerAccount
                    + " open streams per account: close one first");
        }
        BoundedStream<Q, T> stream = new BoundedStream<>(out, streamCapacity, executor, toMessage);
        stream.onEnd(n::decrementAndGet);
        return stream;
    }

    /** Feeds every engine result to {@code listener} (on the engine thread) until the stream ends. */
    void follow(BoundedStream<?, ?> stream, java.util.function.Consumer<CommandResult> listener) {
        stream.onEnd(feed.add(listener));
    }

    /** Per-stream queue bound. */
    int streamCapacity() {
        return streamCapacity;
    }

    /** The authenticated caller of the current call. */
    static Caller caller() {
        return SignatureInterceptor.CALLER.get();
    }

    /** The engine id of the caller's account. */
    int callerAccount() {
        return markets.accountId(caller().account());
    }

    /** Runs a unary handler body, turning an edge rejection into its status. */
    static <T> void handle(StreamObserver<T> out, Runnable body) {
        try {
            body.run();
        } catch (RequestRejected e) {
            out.onError(StatusMapping.toException(e));
        }
    }

    /**
     * Submits a command unless the call's deadline already passed (then nothing reaches the
     * engine) and answers with {@code answer} of its result, off the engine thread. A
     * rejection answers with its mapped status.
     */
    <T> void submit(Command command, StreamObserver<T> out, Function<CommandResult, T> answer) {
        if (deadlinePassed(out)) {
            return;
        }
        engine.submit(command, r -> executor.execute(() -> respond(out, () -> {
            ReasonCode rejected = r.rejection();
            if (rejected != null) {
                throw new RequestRejected(rejected, rejected.message());
            }
            return answer.apply(r);
        })));
    }

    /** Submits up to 40 commands as one engine batch and answers with {@code answer} of the results. */
    <T> void submitBatch(List<Command> commands, StreamObserver<T> out, Function<List<CommandResult>, T> answer) {
        if (deadlinePassed(out)) {
            return;
        }
        engine.submitBatch(commands, rs -> executor.execute(() -> respond(out, () -> answer.apply(rs))));
    }

    /** Runs a read-only query on the engine thread and answers with its value, off the engine thread. */
    <V, T> void query(Function<MatchingEngine, V> query, StreamObserver<T> out, Function<V, T> answer) {
        if (deadlinePassed(out)) {
            return;
        }
        engine.query(query).whenCompleteAsync((v, err) -> {
            if (err != null) {
                fail(out, new RequestRejected(ReasonCode.ENGINE_UNAVAILABLE, ReasonCode.ENGINE_UNAVAILABLE.message()));
            } else {
                respond(out, () -> answer.apply(v));
            }
        }, executor);
    }

    /**
     * Runs a read-only query on the engine thread, then {@code then} with its value off the
     * engine thread (which goes on to answer the call itself, e.g. by submitting a command).
     */
    <V> void queryThen(Function<MatchingEngine, V> query, StreamObserver<?> out, java.util.function.Consumer<V> then) {
        if (deadlinePassed(out)) {
            return;
        }
        engine.query(query).whenCompleteAsync((v, err) -> {
            if (err != null) {
                fail(out, new RequestRejected(ReasonCode.ENGINE_UNAVAILABLE, ReasonCode.ENGINE_UNAVAILABLE.message()));
                return;
            }
            try {
                then.accept(v);
            } catch (RequestRejected e) {
                fail(out, e);
            }
        }, executor);
    }

    private static boolean deadlinePassed(StreamObserver<?> out) {
        Context ctx = Context.current();
        if (ctx.isCancelled()) {
            Status s = ctx.getDeadline() != null && ctx.getDeadline().isExpired()
                    ? Status.DEADLINE_EXCEEDED.withDescription("the deadline passed before the request reached the engine")
                    : Status.CANCELLED.withDescription("the call was cancelled before it reached the engine");
            out.onError(s.asRuntimeException());
            return true;
        }
        return false;
    }

    /** Answers a unary call once; quietly drops the answer if the client has gone (deadline, cancel). */
    static <T> void respond(StreamObserver<T> out, java.util.function.Supplier<T> answer) {
        if (out instanceof ServerCallStreamObserver<T> s && s.isCancelled()) {
            return;
        }
        T value;
        try {
            value = answer.get();
        } catch (RequestRejected e) {
            fail(out, e);
            return;
        } catch (RuntimeException e) {
            log.error("gRPC answer failed", e);
            fail(out, null);
            return;
        }
        try {
            out.onNext(value);
            out.onCompleted();
        } catch (RuntimeException e) {
            log.debug("client went away before the answer: {}", e.toString());
        }
    }

    private static void fail(StreamObserver<?> out, RequestRejected e) {
        try {
            out.onError(e == null ? Status.INTERNAL.withDescription("internal error").asRuntimeException()
                    : StatusMapping.toException(e));
        } catch (RuntimeException ignored) {
            // client gone
        }
    }
}
