package io.hyperindex.bench.api;

import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The REST targets of {@link ApiLoad}: the gateway's {@code POST /api/v1/orders}, and a bare
 * Netty HTTP server (the same codec and aggregator the gateway uses) that answers every POST
 * with an order acknowledgement at once. The same pooled client sends the same signed requests to both.
 */
final class RestTargets {
    private static final String PATH = "/api/v1/orders";

    private RestTargets() {
    }

    /** A bare Netty HTTP server on loopback answering every request with a NEW acknowledgement, and a client of it. */
    static ApiLoad.Client bare(List<Ed25519Key> keys) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup();
        AtomicLong ids = new AtomicLong();
        Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        byte[] body = ("{\"orderId\":" + ids.incrementAndGet() + ",\"status\":\"NEW\"}")
                                                .getBytes(StandardCharsets.UTF_8);
                                        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
                                        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                                                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                                        HttpUtil.setKeepAlive(r, HttpUtil.isKeepAlive(req));
                                        ctx.writeAndFlush(r);
                                    }
                                });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        return client(port, keys, "BTC-USDC", "94999", "0.001", "L").closingAlso(() -> {
            server.close().awaitUninterruptibly();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        });
    }

    /** A client of the gateway's REST API. */
    static ApiLoad.Client gateway(int port, List<Ed25519Key> keys, String symbol, String price, String quantity) {
        return client(port, keys, symbol, price, quantity, "L");
    }

    /** A client of the gateway's REST API whose order {@code n} has the client order id {@code prefix + n}. */
    static ApiLoad.Client gatewayWithClientIds(int port, List<Ed25519Key> keys, String symbol, String price, String quantity,
                                               String prefix) {
        return client(port, keys, symbol, price, quantity, prefix);
    }

    /** Connections each REST client keeps open (one request in flight on each). */
    static final int CONNECTIONS = 32;

    /** Signed {@code POST /api/v1/orders} of an IOC buy, over {@value #CONNECTIONS} keep-alive connections. */
    private static ApiLoad.Client client(int port, List<Ed25519Key> keys, String symbol, String price, String quantity,
                                         String clientIdPrefix) {
        PooledHttpClient http;
        try {
            http = new PooledHttpClient(port, CONNECTIONS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new ApiLoad.Client() {
            @Override
            public CompletableFuture<Void> placeOrder(int account, long n) {
                byte[] body = ("{\"symbol\":\"" + symbol + "\",\"clientOrderId\":\"" + clientIdPrefix + n + "\",\"side\":\"BUY\","
                        + "\"timeInForce\":\"IOC\",\"price\":\"" + price + "\",\"quantity\":\"" + quantity + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                Ed25519Key key = keys.get(account);
                long ts = System.currentTimeMillis();
                String sig = key.signHex(CanonicalRequest.rest(ts, "POST", PATH, body));
                return http.send(HttpMethod.POST, PATH, Map.of("Content-Type", "application/json", "X-HI-KEY", key.keyId(),
                        "X-HI-TS", Long.toString(ts), "X-HI-SIG", sig), body).thenAccept(status -> {
                    if (status != 200) {
                        throw new IllegalStateException("HTTP " + status);
                    }
                });
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }
}
