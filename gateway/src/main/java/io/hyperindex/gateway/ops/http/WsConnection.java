package io.hyperindex.gateway.ops.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

import java.net.SocketAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's WebSocket connection. {@link #send} may be called from any thread and never
 * blocks. Messages wait in the connection's own queue and move to the socket only while Netty
 * reports the channel writable (its outbound buffer below the high-water mark), so a client
 * that reads slowly holds at most the queue's bound plus Netty's 64 KiB in the gateway. Once
 * more than {@link WebSocketEndpoint#maxPendingBytes()} wait, the queue is dropped and the
 * client is sent close code {@value #SLOW_CONSUMER_CLOSE} "slow consumer"; the channel is
 * closed when that frame is written or after {@value #CLOSE_GRACE_MILLIS} ms, whichever is first.
 */
public final class WsConnection {
    /** Bytes queued towards one client beyond which it is cut off (the default bound). */
    public static final long MAX_PENDING_BYTES = 4L << 20;
    /** The close code a slow consumer receives (policy violation). */
    public static final int SLOW_CONSUMER_CLOSE = 1008;
    /** The close code of a client that sent no frame (not even a pong) for three heartbeats. */
    public static final int HEARTBEAT_CLOSE = 4000;
    /** The flush interval endpoints get unless they choose one ({@code -Dhyperindex.ws.flushIntervalMicros}, default 0). */
    static final long DEFAULT_FLUSH_INTERVAL_MICROS = Long.getLong("hyperindex.ws.flushIntervalMicros", 0);
    /** Frames queued together are copied into buffers of this size for the socket write. */
    static final int BATCH_BYTES = 16 << 10;
    /** How long the server waits for the client's Close after sending its own before closing the socket. */
    static final long CLOSE_ECHO_MILLIS = 1_000;
    /** How long a closing connection may take to write its close frame before the socket is closed. */
    static final long CLOSE_GRACE_MILLIS = 5_000;

    private final Channel channel;
    private final String path;
    private final long maxPendingBytes;
    private final ConcurrentLinkedQueue<WsText> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long lastReceivedNanos = System.nanoTime();
    /** The shortest time between two flushes (0: flush after every drain). */
    private final long flushIntervalNanos;
    /** When the channel was last flushed (event loop only). */
    private long lastFlushNanos;
    /** A drain is scheduled for the end of the current flush interval (event loop only). */
    private boolean deferred;
    private volatile int closeCode;
    private volatile Object attachment;

    WsConnection(Channel channel, String path, long maxPendingBytes, long flushIntervalMicros) {
        this.channel = channel;
        this.path = path;
        this.maxPendingBytes = maxPendingBytes;
        this.flushIntervalNanos = TimeUnit.MICROSECONDS.toNanos(Math.max(0, flushIntervalMicros));
        this.lastFlushNanos = System.nanoTime() - flushIntervalNanos;
    }

    /** Queues a text frame; false if the connection is closing or was just cut off as a slow consumer. */
    public boolean send(String text) {
        return send(WsText.of(text));
    }

    /** Queues a pre-encoded message (the same instance may go to many connections); false as for {@link #send(String)}. */
    public boolean send(WsText message) {
        if (closing.get() || !channel.isActive()) {
            return false;
        }
        int size = message.size();
        if (pending.addAndGet(size) > maxPendingBytes) {
            pending.addAndGet(-size);
            close(SLOW_CONSUMER_CLOSE, "slow consumer");
            return false;
        }
        queue.add(message);
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
        return true;
    }

    /**
     * On the event loop: moves queued messages to the channel while it is writable, then flushes
     * once. A connection flushed less than its endpoint's flush interval ago waits out the rest
     * of that interval first, so that under a stream of events each socket write carries every
     * message queued meanwhile instead of one system call per message.
     */
    void drain() {
        if (flushIntervalNanos > 0) {
            long wait = lastFlushNanos + flushIntervalNanos - System.nanoTime();
            if (wait > 0) {
                if (!deferred) {
                    deferred = true;
                    channel.eventLoop().schedule(this::deferredDrain, wait, TimeUnit.NANOSECONDS);
                }
                return;
            }
        }
        drainScheduled.set(false);
        if (closing.get()) {
            return;
        }
        boolean wrote = false;
        while (channel.isWritable()) {
            WsText m = queue.poll();
            if (m == null) {
                break;
            }
            pending.addAndGet(-m.size());
            WsText next = queue.peek();
            if (next == null || m.frameSize() + next.frameSize() > BATCH_BYTES) {
                channel.write(m.frame(), channel.voidPromise());
            } else {
                // several frames waiting: one buffer for the socket, not one entry per frame
                ByteBuf batch = channel.alloc().directBuffer(BATCH_BYTES);
                batch.writeBytes(m.frame());
                while ((next = queue.peek()) != null && next.frameSize() <= batch.writableBytes()) {
                    queue.poll();
                    pending.addAndGet(-next.size());
                    batch.writeBytes(next.frame());
                }
                channel.write(batch, channel.voidPromise());
            }
            wrote = true;
        }
        if (wrote) {
            channel.flush();
            lastFlushNanos = System.nanoTime();
        }
    }

    private void deferredDrain() {
        deferred = false;
        drain();
    }

    /** Any frame arrived from the client (for the heartbeat). */
    void received() {
        lastReceivedNanos = System.nanoTime();
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** Closes the connection normally (1000). */
    public void close() {
        close(1000, "bye");
    }

    /**
     * Drops what is queued, sends a close frame with {@code code} and {@code reason} and closes
     * the channel once it is written (at the latest after the grace period). Idempotent: the
     * first code wins.
     */
    public void close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeCode = code;
        channel.eventLoop().execute(() -> {
            if (code != SLOW_CONSUMER_CLOSE) {
                // an error explaining the close may be queued: it goes out before the close frame
                for (WsText m = queue.poll(); m != null; m = queue.poll()) {
                    channel.write(m.frame(), channel.voidPromise());
                }
            }
            queue.clear();
            pending.set(0);
            if (code == SLOW_CONSUMER_CLOSE) {
                // it is not reading: the socket closes once the frame is in the kernel's hands
                channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
                channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                // RFC 6455 7.1.1: wait for the client's Close before closing TCP, so that a client
                // still sending does not lose our close frame to a reset (its echo closes the
                // socket at once; see GatewayHttpServer.WsFrames), at most CLOSE_ECHO_MILLIS
                channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
                channel.eventLoop().schedule(() -> channel.close(), CLOSE_ECHO_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** True once the server has begun closing the connection (its Close frame is sent or on its way). */
    boolean closing() {
        return closing.get();
    }

    /** The close code the server sent, or 0 if the server has not closed the connection. */
    public int closeCode() {
        return closeCode;
    }

    /** Bytes waiting in this connection's queue (not yet handed to the socket). */
    public long pendingBytes() {
        return pending.get();
    }

    /** The WebSocket path the client connected to. */
    public String path() {
        return path;
    }

    public SocketAddress remote() {
        return channel.remoteAddress();
    }

    /** True while the connection is open and not closing. */
    public boolean isOpen() {
        return channel.isActive() && !closing.get();
    }

    /** Endpoint state kept with the connection (set by the endpoint, e.g. in onOpen). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }
}
