package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.api.edge.Markets;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.hyperindex.gateway.auth.KeyRegistry;
import io.hyperindex.gateway.auth.RateLimit;
import io.hyperindex.gateway.auth.RateLimiter;
import io.hyperindex.gateway.auth.RequestVerifier;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.proto.v1.AccountGrpc;
import io.hyperindex.gateway.proto.v1.AdminGrpc;
import io.hyperindex.gateway.proto.v1.MarketDataGrpc;
import io.hyperindex.gateway.proto.v1.TradingGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gRPC API on Netty: the Trading, MarketData, Account and Admin services, every call
 * signed and checked by {@link SignatureInterceptor}, answered from the engine. Started and
 * stopped by the gateway server; see docs/grpc.md.
 */
public final class GrpcGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GrpcGateway.class);
    /** Methods that only read; every other Trading and Account method needs TRADE. */
    private static final Set<String> READ_ONLY = Set.of("GetOrder", "ListOpenOrders", "StreamExecutions", "GetBalances",
            "GetPositions", "GetPnl", "GetFeeTier", "GetLimits", "GetStatement", "StreamAlerts");

    /**
     * Tunables, with defaults that suit the sandbox.
     *
     * @param streamCapacity messages a server stream may queue for a slow reader before it is ended
     * @param receiveWindow  how far a request's timestamp may be from the gateway's clock
     * @param perAccount     rate limit of an account over all its keys
     * @param perKey         rate limit of one key
     * @param threads        threads that run calls and write answers
     * @param maxMessageBytes largest request message accepted
     * @param maxStreamsPerAccount server streams one account may have open at once
     */
    public record Settings(int streamCapacity, Duration receiveWindow, RateLimit perAccount, RateLimit perKey,
                           int threads, int maxMessageBytes, int maxStreamsPerAccount) {
        public static Settings defaults() {
            return new Settings(4_096, RequestVerifier.DEFAULT_WINDOW, new RateLimit(2_000, 4_000),
                    new RateLimit(1_000, 2_000), Math.max(2, Runtime.getRuntime().availableProcessors()), 1 << 20, 32);
        }

        public Settings withStreamCapacity(int capacity) {
            return new Settings(capacity, receiveWindow, perAccount, perKey, threads, maxMessageBytes, maxStreamsPerAccount);
        }

        public Settings withRateLimits(RateLimit account, RateLimit key) {
            return new Settings(streamCapacity, receiveWindow, account, key, threads, maxMessageBytes, maxStreamsPerAccount);
        }

        public Settings withMaxStreamsPerAccount(int streams) {
            return new Settings(streamCapacity, receiveWindow, perAccount, perKey, threads, maxMessageBytes, streams);
        }
    }

    private final Server server;
    private final ExecutorService executor;
    private final Engine engine;
    private final EngineFeed feed;

    private GrpcGateway(Server server, ExecutorService executor, Engine engine, EngineFeed feed) {
        this.server = server;
        this.executor = executor;
        this.engine = engine;
        this.feed = feed;
    }

    /**
     * Binds {@code bindAddress:port} (0 = any free port) and starts serving.
     *
     * @param accounts account ids in engine-id order
     * @throws IOException if the port cannot be bound
     */
    public static GrpcGateway start(String bindAddress, int port, Engine engine, List<Instrument> instruments,
                                    List<String> accounts, KeyRegistry keys, Settings settings) throws IOException {
        return start(bindAddress, port, engine, instruments, accounts, keys, settings, null, null, () -> null);
    }

    /**
     * As {@link #start(String, int, Engine, List, List, KeyRegistry, Settings)} with an outermost
     * interceptor (it sees every call, also those authentication refuses) and a transport filter
     * (it sees every client connection), e.g. for metrics, either may be null; also serving the
     * reference market maker's status and control from {@code marketMaker} (null = none running).
     */
    public static GrpcGateway start(String bindAddress, int port, Engine engine, List<Instrument> instruments,
                                    List<String> accounts, KeyRegistry keys, Settings settings,
                                    io.grpc.ServerInterceptor outer, io.grpc.ServerTransportFilter connections,
                                    java.util.function.Supplier<io.hyperindex.gateway.mm.MarketMaker> marketMaker)
            throws IOException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "grpc-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        EngineFeed feed = new EngineFeed();
        EngineAccess access = new EngineAccess(engine, new Markets(instruments, accounts), executor, feed,
                settings.streamCapacity(), settings.maxStreamsPerAccount());
        RequestVerifier verifier = new RequestVerifier(keys, settings.receiveWindow(), System::currentTimeMillis, 1_000_000);
        RateLimiter limiter = new RateLimiter(a -> settings.perAccount(), k -> settings.perKey(), System::nanoTime);

        List<ServerServiceDefinition> services = List.of(new TradingService(access).bindService(),
                new MarketDataService(access, marketMaker).bindService(), new AccountService(access).bindService(),
                new AdminService(access, keys, marketMaker).bindService());
        SignatureInterceptor interceptor = new SignatureInterceptor(verifier, limiter, scopes(services));
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port))
                .executor(executor)
                .maxInboundMessageSize(settings.maxMessageBytes())
                .maxInboundMetadataSize(16 * 1024)
                .permitKeepAliveTime(10, TimeUnit.SECONDS);
        for (ServerServiceDefinition s : services) {
            // the interceptor sees each request as the bytes received, which is what is signed
            ServerServiceDefinition signed = ServerInterceptors.intercept(ServerInterceptors.useMarshalledMessages(s, RAW),
                    interceptor);
            b.addService(outer == null ? signed : ServerInterceptors.intercept(signed, outer));
        }
        if (connections != null) {
            b.addTransportFilter(connections);
        }
        Server server = b.build();
        try {
            server.start();
        } catch (IOException e) {
            executor.shutdownNow();
            throw new IOException("cannot listen for gRPC on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        engine.subscribe(feed);
        log.info("gRPC API listening on {}", server.getListenSockets());
        return new GrpcGateway(server, executor, engine, feed);
    }

    private static Map<String, Scope> scopes(List<ServerServiceDefinition> services) {
        Map<String, Scope> out = new HashMap<>();
        for (ServerServiceDefinition s : services) {
            ServiceDescriptor d = s.getServiceDescriptor();
            for (MethodDescriptor<?, ?> m : d.getMethods()) {
                String name = m.getBareMethodName();
                Scope scope = d.getName().equals(AdminGrpc.SERVICE_NAME) ? Scope.ADMIN
                        : d.getName().equals(MarketDataGrpc.SERVICE_NAME) || READ_ONLY.contains(name) ? Scope.READ
                        : Scope.TRADE;
                out.put(m.getFullMethodName(), scope);
            }
        }
        if (!out.containsKey(TradingGrpc.getPlaceOrderMethod().getFullMethodName())
                || !out.containsKey(AccountGrpc.getGetBalancesMethod().getFullMethodName())) {
            throw new IllegalStateException("services missing from the scope table");
        }
        return out;
    }

    /** The request bytes as received; the service definition parses them after authentication. */
    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** The bound address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /** Open server streams (book, trades, executions, alerts). */
    public int openStreams() {
        return feed.size();
    }

    /** Stops accepting calls, gives running calls a moment, then cancels the rest (streams end). */
    @Override
    public void close() {
        engine.unsubscribe(feed);
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        executor.shutdownNow();
    }
}
