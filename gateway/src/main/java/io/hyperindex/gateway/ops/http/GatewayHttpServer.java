package io.hyperindex.gateway.ops.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.hyperindex.gateway.domain.ReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The gateway's HTTP listener on Netty (no servlet container): decodes HTTP/1.1, looks the
 * request up in a {@link RouteTable} and writes the handler's {@link JsonReply} as JSON.
 * Unknown paths get 404 and known paths with the wrong method 405, both in the gateway's
 * {@code {"code","message"}} error shape with a {@link ReasonCode} name, as does a body over
 * {@link #MAX_REQUEST_BYTES} (413, BODY_TOO_LARGE; the connection is then closed).
 */
public final class GatewayHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayHttpServer.class);
    /** Largest request body accepted; larger requests get 413. */
    public static final int MAX_REQUEST_BYTES = 1 << 20;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final InetSocketAddress boundAddress;

    private GatewayHttpServer(EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel) {
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.boundAddress = (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Binds {@code host:port} (port 0 = any free port) and serves {@code routes}; returns once
     * the socket accepts connections.
     *
     * @throws java.io.IOException if the address cannot be bound (e.g. the port is taken)
     */
    public static GatewayHttpServer start(String host, int port, RouteTable routes, ObjectMapper json)
            throws java.io.IOException {
        return start(host, port, routes, json, HttpObserver.NONE);
    }

    /** As {@link #start(String, int, RouteTable, ObjectMapper)}, reporting every request and WebSocket to {@code observer}. */
    public static GatewayHttpServer start(String host, int port, RouteTable routes, ObjectMapper json, HttpObserver observer)
            throws java.io.IOException {
        boolean epoll = useEpoll();
        EventLoopGroup boss = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("http-accept", true))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("http-accept", true));
        EventLoopGroup workers = epoll ? new EpollEventLoopGroup(2, new DefaultThreadFactory("http", true))
                : new NioEventLoopGroup(2, new DefaultThreadFactory("http", true));
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline()
                                    .addLast("http", new HttpServerCodec())
                                    .addLast("keep-alive", new HttpServerKeepAliveHandler())
                                    .addLast("aggregate", new JsonOversizeAggregator(MAX_REQUEST_BYTES, json))
                                    .addLast("routes", new Dispatcher(routes, json, observer));
                        }
                    })
                    .bind(host, port).sync().channel();
            return new GatewayHttpServer(boss, workers, ch);
        } catch (Exception e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new java.io.IOException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * NIO by default; {@code -Dhyperindex.http.transport=epoll} selects Netty's native epoll
     * transport where it loads (Linux x86-64: its library ships in the gateway's jar). Epoll
     * cost less per socket write in the WebSocket fan-out benchmark, but REST order-to-ack had
     * much longer tails with it in the same hour (docs/benchmarks.md), so it is not the default.
     */
    static boolean useEpoll() {
        return "epoll".equalsIgnoreCase(System.getProperty("hyperindex.http.transport")) && Epoll.isAvailable();
    }

    /** The address actually bound (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return boundAddress;
    }

    /** Stops accepting, closes connections and stops the event loops; waits up to a few seconds. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /** Routes each aggregated request to its handler and writes the reply. */
    private static final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final RouteTable routes;
        private final ObjectMapper json;
        private final HttpObserver observer;

        Dispatcher(RouteTable routes, ObjectMapper json, HttpObserver observer) {
            this.routes = routes;
            this.json = json;
            this.observer = observer;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            long started = System.nanoTime();
            String method = req.method().name();
            if (!req.decoderResult().isSuccess()) {
                observer.request(method, HttpObserver.UNMATCHED, 400, System.nanoTime() - started);
                write(ctx, false, JsonReply.error(HttpResponseStatus.BAD_REQUEST, ReasonCode.INVALID_REQUEST.name(),
                        "malformed HTTP request: " + req.decoderResult().cause().getMessage()));
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            String path = uri.path();
            WebSocketEndpoint ws = routes.webSocketAt(path);
            if (ws != null && req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
                upgrade(ctx, req, ws);
                return;
            }
            RouteTable.Match match = routes.find(req.method(), path);
            if (match instanceof RouteTable.NotFound) {
                observer.request(method, HttpObserver.UNMATCHED, 404, System.nanoTime() - started);
                write(ctx, keepAlive, JsonReply.error(HttpResponseStatus.NOT_FOUND, ReasonCode.NOT_FOUND.name(),
                        "no such endpoint: " + req.method() + " " + path));
                return;
            }
            if (match instanceof RouteTable.MethodNotAllowed m) {
                String allowed = m.allowed().stream().map(Object::toString).collect(Collectors.joining(", "));
                FullHttpResponse res = response(JsonReply.error(HttpResponseStatus.METHOD_NOT_ALLOWED, ReasonCode.METHOD_NOT_ALLOWED.name(),
                        path + " accepts " + allowed + ", not " + req.method()));
                res.headers().set(HttpHeaderNames.ALLOW, allowed);
                observer.request(method, HttpObserver.UNMATCHED, 405, System.nanoTime() - started);
                send(ctx, keepAlive, res);
                return;
            }
            RouteTable.Found found = (RouteTable.Found) match;
            ApiRequest request = new ApiRequest(req.method(), path, req.uri(), found.pathParams(), uri.parameters(),
                    new DefaultHttpHeaders().set(req.headers()), ByteBufUtil.getBytes(req.content()),
                    ctx.channel().remoteAddress());
            CompletionStage<JsonReply> reply;
            try {
                reply = found.handler().handle(request);
            } catch (RuntimeException e) {
                reply = java.util.concurrent.CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((r, error) -> {
                JsonReply out = r;
                if (error != null || r == null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    log.error("{} {} failed", request.method(), path, cause);
                    out = JsonReply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, ReasonCode.INTERNAL.name(),
                            ReasonCode.INTERNAL.message());
                }
                JsonReply finalReply = out;
                observer.request(method, found.template(), out.status(), System.nanoTime() - started);
                if (ctx.executor().inEventLoop()) {
                    write(ctx, keepAlive, finalReply);
                } else {
                    ctx.executor().execute(() -> write(ctx, keepAlive, finalReply));
                }
            });
        }

        /** Completes the WebSocket handshake and hands the connection's frames to {@code endpoint}. */
        private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, WebSocketEndpoint endpoint) {
            String location = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + req.uri();
            io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker handshaker =
                    new io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory(location, null, false,
                            MAX_WS_FRAME_BYTES).newHandshaker(req);
            if (handshaker == null) {
                io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            String path = new QueryStringDecoder(req.uri()).path();
            WsConnection connection = new WsConnection(ctx.channel(), path, endpoint.maxPendingBytes(),
                    endpoint.flushIntervalMicros());
            ctx.pipeline().remove("keep-alive");
            WsFrames frames = new WsFrames(handshaker, endpoint, connection, observer);
            ctx.pipeline().replace(this, "ws", frames);
            handshaker.handshake(ctx.channel(), req).addListener(f -> {
                if (f.isSuccess()) {
                    frames.opened(ctx);
                    endpoint.onOpen(connection);
                } else {
                    ctx.close();
                }
            });
        }

        private void write(ChannelHandlerContext ctx, boolean keepAlive, JsonReply reply) {
            send(ctx, keepAlive, response(reply));
        }

        private FullHttpResponse response(JsonReply reply) {
            if (reply.body() instanceof RawBody raw) {
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(raw.bytes()));
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, raw.contentType())
                        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, raw.bytes().length);
                return res;
            }
            byte[] body;
            try {
                body = json.writeValueAsBytes(reply.body());
            } catch (Exception e) {
                log.error("cannot serialise a reply", e);
                body = "{\"code\":\"INTERNAL\",\"message\":\"the reply could not be serialised\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                reply = new JsonReply(500, null);
            }
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(body));
            res.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                    .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            return res;
        }

        private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse res) {
            HttpUtil.setKeepAlive(res, keepAlive);
            ctx.writeAndFlush(res);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /** Largest WebSocket frame a client may send. */
    public static final int MAX_WS_FRAME_BYTES = 64 * 1024;

    /**
     * A WebSocket connection's frames: text to the endpoint, ping answered, close completed;
     * the connection's queue drained whenever the channel becomes writable again; the server's
     * heartbeat pings and the silence cutoff, if the endpoint asks for them.
     */
    private static final class WsFrames extends SimpleChannelInboundHandler<io.netty.handler.codec.http.websocketx.WebSocketFrame> {
        private final io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker handshaker;
        private final WebSocketEndpoint endpoint;
        private final WsConnection connection;
        private final HttpObserver observer;
        private io.netty.util.concurrent.ScheduledFuture<?> heartbeat;
        private boolean open;

        WsFrames(io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker handshaker, WebSocketEndpoint endpoint,
                 WsConnection connection, HttpObserver observer) {
            this.handshaker = handshaker;
            this.endpoint = endpoint;
            this.connection = connection;
            this.observer = observer;
        }

        /** The handshake completed (on the event loop): count the connection and start the heartbeat. */
        void opened(ChannelHandlerContext ctx) {
            open = true;
            observer.webSocketOpened(connection.path());
            int seconds = endpoint.heartbeatSeconds();
            if (seconds > 0) {
                long silenceNanos = TimeUnit.SECONDS.toNanos(3L * seconds);
                heartbeat = ctx.executor().scheduleAtFixedRate(() -> {
                    if (System.nanoTime() - connection.lastReceivedNanos() > silenceNanos) {
                        connection.close(WsConnection.HEARTBEAT_CLOSE, "no heartbeat");
                    } else {
                        ctx.writeAndFlush(new io.netty.handler.codec.http.websocketx.PingWebSocketFrame());
                    }
                }, seconds, seconds, TimeUnit.SECONDS);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                connection.drain();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, io.netty.handler.codec.http.websocketx.WebSocketFrame frame) {
            connection.received();
            if (connection.closing()) {
                // the server sent its Close: the client's Close ends the connection, anything else is dropped
                if (frame instanceof io.netty.handler.codec.http.websocketx.CloseWebSocketFrame) {
                    ctx.close();
                }
                return;
            }
            if (frame instanceof io.netty.handler.codec.http.websocketx.TextWebSocketFrame text) {
                endpoint.onText(connection, text.text());
            } else if (frame instanceof io.netty.handler.codec.http.websocketx.PingWebSocketFrame) {
                ctx.writeAndFlush(new io.netty.handler.codec.http.websocketx.PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof io.netty.handler.codec.http.websocketx.CloseWebSocketFrame) {
                handshaker.close(ctx.channel(), (io.netty.handler.codec.http.websocketx.CloseWebSocketFrame) frame.retain());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            if (open) {
                open = false;
                observer.webSocketClosed(connection.path());
                endpoint.onClose(connection);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("WebSocket connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /** Aggregates requests; one whose body exceeds the limit is answered 413 in the gateway's error shape and closed. */
    private static final class JsonOversizeAggregator extends HttpObjectAggregator {
        private final ObjectMapper json;

        JsonOversizeAggregator(int maxContentLength, ObjectMapper json) {
            super(maxContentLength);
            this.json = json;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpMessage oversized) {
            byte[] body;
            try {
                body = json.writeValueAsBytes(JsonReply.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                        ReasonCode.BODY_TOO_LARGE.name(), "the body is larger than " + MAX_REQUEST_BYTES + " bytes").body());
            } catch (Exception e) {
                body = new byte[0];
            }
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            // The rest of the body is still on its way. Closing now would reset the connection
            // with that data unread, and the client could lose the 413 (TCP RST): on a keep-alive
            // connection the aggregator reads and drops the rest instead, as Netty's own default does.
            boolean keepAlive = !(oversized instanceof io.netty.handler.codec.http.FullHttpMessage)
                    && HttpUtil.isKeepAlive(oversized);
            if (!keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            io.netty.channel.ChannelFuture written = ctx.writeAndFlush(res);
            if (!keepAlive) {
                written.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            }
        }
    }

    /** The JSON mapper the gateway's HTTP replies use. */
    public static ObjectMapper defaultJson() {
        return JsonMapper.builder().build();
    }
}
