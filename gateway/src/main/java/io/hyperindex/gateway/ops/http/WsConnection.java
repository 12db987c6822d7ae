package io.hyperindex.gateway.ops.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's WebSocket connection. {@link #send} may be called from any thread. The
 * outbound buffer is bounded: a client that does not read falls behind by more than
 * {@link #MAX_PENDING_BYTES} and is disconnected with close code 1008 and the reason
 * "slow consumer", rather than being allowed to grow the gateway's memory.
 */
public final class WsConnection {
    /** Bytes queued towards one client beyond which it is cut off. */
    public static final long MAX_PENDING_BYTES = 4L << 20;
    /** The close code a slow consumer receives (policy violation). */
    public static final int SLOW_CONSUMER_CLOSE = 1008;

    private final Channel channel;
    private final AtomicLong pending = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean cutOff = new java.util.concurrent.atomic.AtomicBoolean();

    WsConnection(Channel channel) {
        this.channel = channel;
    }

    /** Queues a text frame; false if the connection is closed or was just cut off as a slow consumer. */
    public boolean send(String text) {
        if (!channel.isActive()) {
            return false;
        }
        long size = text.length();
        if (pending.addAndGet(size) > MAX_PENDING_BYTES) {
            if (cutOff.compareAndSet(false, true)) {
                // best effort: a client that does not read will not see the close frame either, so the
                // connection is closed at once rather than after the frame is flushed
                channel.writeAndFlush(new CloseWebSocketFrame(SLOW_CONSUMER_CLOSE, "slow consumer"));
                channel.close();
            }
            return false;
        }
        channel.writeAndFlush(new TextWebSocketFrame(text)).addListener(f -> pending.addAndGet(-size));
        return true;
    }

    /** Closes the connection normally (1000). */
    public void close() {
        channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye")).addListener(f -> channel.close());
    }

    public SocketAddress remote() {
        return channel.remoteAddress();
    }

    public boolean isOpen() {
        return channel.isActive();
    }
}
