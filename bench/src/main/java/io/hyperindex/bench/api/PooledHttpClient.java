package io.hyperindex.bench.api;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP/1.1 client with a fixed number of keep-alive connections, one request in flight on
 * each (no pipelining); further requests wait in a queue for a free connection. A load tool
 * needs that bound: a client that opens a connection for every request outstanding during a
 * stall (as the JDK's HttpClient does) ends up measuring its own connection storm. Loopback only.
 */
final class PooledHttpClient implements AutoCloseable {
    private record Pending(HttpMethod method, String path, Map<String, String> headers, byte[] body,
                           CompletableFuture<Integer> status) {
    }

    private final EventLoopGroup group;
    private final Channel[] channels;
    private final Pending[] current;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final String host;

    PooledHttpClient(int port, int connections) throws InterruptedException {
        this.group = new NioEventLoopGroup(1);
        this.channels = new Channel[connections];
        this.current = new Pending[connections];
        this.host = "127.0.0.1:" + port;
        for (int i = 0; i < connections; i++) {
            final int index = i;
            channels[i] = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                            answered(index, r.status().code());
                                        }

                                        @Override
                                        public void channelInactive(ChannelHandlerContext ctx) {
                                            failed(index, new IllegalStateException("connection closed by the server"));
                                        }
                                    });
                        }
                    }).connect("127.0.0.1", port).sync().channel();
        }
    }

    /** Sends a request when a connection is free; completes with the response's status code. */
    CompletableFuture<Integer> send(HttpMethod method, String path, Map<String, String> headers, byte[] body) {
        Pending p = new Pending(method, path, headers, body, new CompletableFuture<>());
        int free = -1;
        synchronized (this) {
            for (int i = 0; i < current.length; i++) {
                if (current[i] == null && channels[i].isActive()) {
                    current[i] = p;
                    free = i;
                    break;
                }
            }
            if (free < 0) {
                queue.add(p);
            }
        }
        if (free >= 0) {
            write(free, p);
        }
        return p.status();
    }

    private void write(int i, Pending p) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, p.method(), p.path(),
                Unpooled.wrappedBuffer(p.body()));
        req.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, p.body().length);
        p.headers().forEach((k, v) -> req.headers().set(k, v));
        channels[i].writeAndFlush(req);
    }

    private void answered(int i, int status) {
        Pending done;
        Pending next;
        synchronized (this) {
            done = current[i];
            next = queue.poll();
            current[i] = next;
        }
        if (done != null) {
            done.status().complete(status);
        }
        if (next != null) {
            write(i, next);
        }
    }

    private void failed(int i, RuntimeException e) {
        Pending done;
        synchronized (this) {
            done = current[i];
            current[i] = null;
        }
        if (done != null) {
            done.status().completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            c.close();
        }
        group.shutdownGracefully();
    }
}
