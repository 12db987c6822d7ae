package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.domain.BookSnapshot;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import org.apache.mina.core.service.IoAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldConvertError;
import quickfix.FileStoreFactory;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.MemoryStore;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.ThreadedSocketAcceptor;
import quickfix.mina.acceptor.AbstractSocketAcceptor;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The FIX 4.4 acceptor on the gateway's FIX port: QuickFIX/J with the session settings and data
 * dictionary packaged in the jar ({@code acceptor.cfg}, {@code FIX44.xml}, from fix-spec/),
 * persistent stores under {@code <data dir>/fix}, and one session per configured CompID pair,
 * created when it first logs on. Engine results reach the FIX sessions through the
 * {@linkplain ReportLanes report lanes} (an account's reports always on the same lane, so each
 * session sees its reports in engine order) and through one market-data thread.
 */
public final class FixAcceptor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FixAcceptor.class);
    /** Where the settings template and the dictionary are on the class path. */
    static final String SETTINGS_RESOURCE = "/io/hyperindex/gateway/api/fix/acceptor.cfg";
    private static final SessionID TEMPLATE = new SessionID("FIX.4.4", "*", "*");
    /**
     * How long a report lane or the market-data thread yields for more work before it parks (system property
     * {@code hyperindex.fix.outboundYieldMicros}; 0 parks at once). docs/fix-benchmark.md.
     */
    static final long OUTBOUND_YIELD_MICROS = 0;
    /**
     * How many report lanes (system property {@code hyperindex.fix.reportLanes}): each builds and
     * sends the reports of its share of the accounts. At least two, so that two accounts' reports
     * are built and sent on two cores at once.
     */
    static final int REPORT_LANES = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    /** With no market-data subscriber, the market-data thread picks engine results up within this (µs), unwoken. */
    static final long MARKET_DATA_LAZY_MICROS = 20_000;

    private final Engine engine;
    private final AbstractSocketAcceptor acceptor;
    private final ReportLanes lanes;
    private final OutboundThread marketDataThread;
    private final FixMessageLog messageLog;
    private final ScheduledExecutorService housekeeping;
    private final Consumer<CommandResult> subscriber;
    private final LiveSessions sessions;
    private volatile boolean closed;

    private FixAcceptor(Engine engine, AbstractSocketAcceptor acceptor, ReportLanes lanes, OutboundThread marketDataThread,
                        FixMessageLog messageLog, ScheduledExecutorService housekeeping,
                        Consumer<CommandResult> subscriber, LiveSessions sessions) {
        this.messageLog = messageLog;
        this.sessions = sessions;
        this.engine = engine;
        this.acceptor = acceptor;
        this.lanes = lanes;
        this.marketDataThread = marketDataThread;
        this.housekeeping = housekeeping;
        this.subscriber = subscriber;
    }

    /**
     * Starts accepting FIX sessions for {@code config}'s accounts on its bind address and FIX
     * port (0 = a free port), backed by the running {@code engine}.
     *
     * @throws IOException if the settings are invalid or the port cannot be bound
     */
    public static FixAcceptor start(GatewayConfig config, Engine engine) throws IOException {
        return start(config, engine, Observer.NONE);
    }

    /** What the acceptor reports for metrics; called on the report lanes' threads, must only count (thread-safe). */
    @FunctionalInterface
    public interface Observer {
        /**
         * A FIX request (MsgType {@code msgType}: D, F, G, q) was answered by the engine: {@code outcome}
         * "ok" or the reason code's name, {@code nanos} from handing it to the engine to its result.
         */
        void request(String msgType, String outcome, long nanos);

        Observer NONE = (msgType, outcome, nanos) -> {
        };
    }

    /** As {@link #start(GatewayConfig, Engine)}, reporting every answered request to {@code observer}. */
    public static FixAcceptor start(GatewayConfig config, Engine engine, Observer observer) throws IOException {
        GatewayConfig.Server server = config.server();
        Path fixDir = server.dataDir().toAbsolutePath().normalize().resolve("fix");
        Files.createDirectories(fixDir.resolve("store"));
        Files.createDirectories(fixDir.resolve("log"));
        int port = server.fixPort() != 0 ? server.fixPort() : freePort(server.bindAddress());
        Properties vars = new Properties();
        vars.setProperty("fix.bind", server.bindAddress());
        vars.setProperty("fix.port", Integer.toString(port));
        vars.setProperty("fix.store", fixDir.resolve("store").toString());
        vars.setProperty("fix.log", fixDir.resolve("log").toString());
        SessionSettings settings = settings(vars);

        List<Instrument> instruments = engine.config().instruments();
        FixSessionDirectory directory = new FixSessionDirectory(config.accounts());
        LiveSessions sessions = new LiveSessions();
        long yieldMicros = Long.getLong("hyperindex.fix.outboundYieldMicros", OUTBOUND_YIELD_MICROS);
        ReportLanes lanes = new ReportLanes(Integer.getInteger("hyperindex.fix.reportLanes", REPORT_LANES), yieldMicros,
                engine, instruments, directory, sessions, observer);
        OutboundThread marketDataThread = new OutboundThread("fix-market-data", yieldMicros, MARKET_DATA_LAZY_MICROS);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("fix-housekeeping"));
        MarketDataFeed marketData = new MarketDataFeed(instruments);
        Consumer<CommandResult> subscriber = r -> {
            lanes.onResult(r);
            Runnable md = () -> {
                try {
                    marketData.onResult(r);
                } catch (RuntimeException e) {
                    log.error("FIX market data of command {} failed", r.sequence(), e);
                }
            };
            if (marketData.hasSubscribers()) {
                marketDataThread.execute(md);
            } else {
                marketDataThread.executeLazily(md); // nobody waits: picked up within MARKET_DATA_LAZY_MICROS
            }
        };
        engine.subscribe(subscriber);
        FixMessageLog messageLog = null;
        try {
            messageLog = new FixMessageLog(fixDir.resolve("log"), settings.isSetting("FileLogHeartbeats")
                    && settings.getBool("FileLogHeartbeats"));
            seed(engine, lanes, marketDataThread, marketData, instruments.size());
            AbstractSocketAcceptor[] holder = new AbstractSocketAcceptor[1];
            FixGateway app = new FixGateway(engine, marketDataThread, directory, sessions, lanes, marketData, instruments,
                    (int) settings.getLong("HyperIndexLogonFailuresPerMinute"),
                    id -> housekeeping.schedule(() -> holder[0].removeDynamicSession(id), 5, TimeUnit.SECONDS));
            MessageStoreFactory fileStores = new FileStoreFactory(settings);
            MessageStoreFactory stores = id -> {
                if (directory.lookup(id) != null) {
                    return fileStores.create(id);
                }
                try {
                    return new MemoryStore(id); // a CompID pair that is refused leaves nothing on disk
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            LogFactory files = messageLog;
            LogFactory logs = id -> directory.lookup(id) != null ? files.create(id) : new RefusedSessionLog();
            DefaultMessageFactory messages = new DefaultMessageFactory();
            String type = System.getProperty("hyperindex.fix.acceptorType", settings.getString("HyperIndexAcceptorType"));
            AbstractSocketAcceptor acceptor = switch (type) {
                case "threaded" -> new ThreadedSocketAcceptor(app, stores, settings, logs, messages);
                case "socket" -> new SocketAcceptor(app, stores, settings, logs, messages);
                default -> throw new ConfigError("HyperIndexAcceptorType must be threaded or socket, not " + type);
            };
            holder[0] = acceptor;
            SocketAddress address = new InetSocketAddress(InetAddress.getByName(server.bindAddress()), port);
            DynamicAcceptorSessionProvider provider = new DynamicAcceptorSessionProvider(settings, TEMPLATE, app, stores,
                    logs, messages);
            acceptor.setSessionProvider(address, provider);
            acceptor.start();
            // every configured session exists from the start, so that reports for a partner who is
            // away are stored under its next sequence number and reach it by resend
            for (FixSessionDirectory.Entry e : directory.entries()) {
                provider.getSession(FixSessionDirectory.sessionIdOf(e), acceptor);
            }
            FixAcceptor started = new FixAcceptor(engine, acceptor, lanes, marketDataThread, messageLog, housekeeping,
                    subscriber, sessions);
            log.info("FIX acceptor ({}) on {} for {} configured sessions", type, started.address(), config.accounts().stream()
                    .mapToInt(a -> a.fixSessions().size()).sum());
            return started;
        } catch (ConfigError | FieldConvertError | RuntimeException e) {
            engine.unsubscribe(subscriber);
            lanes.close();
            marketDataThread.close();
            if (messageLog != null) {
                messageLog.close();
            }
            housekeeping.shutdownNow();
            throw new IOException("the FIX acceptor did not start: " + e.getMessage(), e);
        }
    }

    /** Loads the packaged settings template with the given ${...} values. */
    static SessionSettings settings(Properties vars) throws IOException {
        try (InputStream in = FixAcceptor.class.getResourceAsStream(SETTINGS_RESOURCE)) {
            if (in == null) {
                throw new IOException(SETTINGS_RESOURCE + " is missing from the class path (the build copies it from fix-spec/)");
            }
            return new SessionSettings(in, vars);
        } catch (ConfigError e) {
            throw new IOException("invalid FIX settings " + SETTINGS_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Loads the orders live in the engine and its books into the lanes and the market-data copy, before any session logs on. */
    private static void seed(Engine engine, ReportLanes lanes, OutboundThread marketDataThread,
                             MarketDataFeed marketData, int instrumentCount) throws IOException {
        java.util.concurrent.CountDownLatch seeded = new java.util.concurrent.CountDownLatch(lanes.size() + 1);
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.query(c -> {
            List<ExecutionReporter.LiveOrder> orders = new ArrayList<>();
            c.forEachLiveOrder(o -> orders.add(new ExecutionReporter.LiveOrder(o.id(), o.account(), o.instrument(),
                    o.clientOrderId(), o.side(), o.timeInForce(), o.flags(), o.session(), o.price(), o.quantity(),
                    o.remaining(), o.filled())));
            List<BookSnapshot> books = new ArrayList<>();
            for (int i = 0; i < instrumentCount; i++) {
                books.add(c.l2Snapshot(i, Integer.MAX_VALUE));
            }
            return new Object[]{orders, books};
        }).thenAccept(state -> {
            @SuppressWarnings("unchecked") List<ExecutionReporter.LiveOrder> orders = (List<ExecutionReporter.LiveOrder>) state[0];
            @SuppressWarnings("unchecked") List<BookSnapshot> books = (List<BookSnapshot>) state[1];
            // queued on each thread ahead of any result published after the query
            lanes.executeOnAll(reporter -> {
                reporter.seed(orders);
                seeded.countDown();
            });
            marketDataThread.execute(() -> {
                marketData.seed(books);
                seeded.countDown();
            });
            done.complete(null);
        }).exceptionally(e -> {
            done.completeExceptionally(e);
            return null;
        });
        try {
            done.get(30, TimeUnit.SECONDS);
            if (!seeded.await(30, TimeUnit.SECONDS)) {
                throw new IOException("the FIX threads did not load the live orders and books in 30 s");
            }
        } catch (Exception e) {
            throw new IOException("could not read the engine's live orders and books: " + e, e);
        }
    }

    /** FIX sessions logged on now (order entry and drop copy). */
    public int loggedOnSessions() {
        return sessions.size();
    }

    /** The address the acceptor listens on. */
    public InetSocketAddress address() {
        for (IoAcceptor a : acceptor.getEndpoints()) {
            if (a.getLocalAddress() instanceof InetSocketAddress isa) {
                return isa;
            }
        }
        throw new IllegalStateException("the FIX acceptor is not bound");
    }

    /** Logs every session out, stops listening and stops the report lanes and the market-data thread. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        acceptor.stop();
        engine.unsubscribe(subscriber);
        housekeeping.shutdownNow();
        try {
            if (!lanes.stop(5_000)) {
                lanes.close();
            }
            if (!marketDataThread.stop(5_000)) {
                marketDataThread.close();
            }
            messageLog.stop(5_000); // after the sessions logged out: their last messages are in the files
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort(String bind) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return s.getLocalPort();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The log of a session that is refused at Logon: nothing is kept but errors, at debug level. */
    private static final class RefusedSessionLog implements Log {
        @Override
        public void clear() {
        }

        @Override
        public void onIncoming(String message) {
        }

        @Override
        public void onOutgoing(String message) {
        }

        @Override
        public void onEvent(String text) {
        }

        @Override
        public void onErrorEvent(String text) {
            log.debug("refused FIX session: {}", text);
        }
    }
}
