package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.auth.Ed25519Key;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.ThreadedSocketAcceptor;
import quickfix.field.ClOrdID;
import quickfix.field.MsgType;
import quickfix.fix44.ExecutionReport;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The FIX load tool: N initiator sessions ({@link RawFixClients} on one selector thread, or with
 * {@code client=qfj} QuickFIX/J initiators) send NewOrderSingles at a fixed total rate
 * (open loop: each order has its scheduled send time, and latency is measured from it, so a
 * stall is not hidden) and record order-to-ack latency (NewOrderSingle scheduled -> its
 * ExecutionReport New received) in an HdrHistogram. The orders are IOC limit buys below the
 * book, so each is accepted and expires at once and no state piles up.
 *
 * <p>It runs the same load against the gateway (in this JVM, on loopback) and against a bare
 * QuickFIX/J acceptor that acknowledges every order without any engine, and prints both and the
 * ratios. The command, its options and results: docs/fix-benchmark.md; {@code FixLoadToolTest}
 * runs it briefly.
 */
public final class FixLoadTool {

    /** One run's outcome; latencies in microseconds. */
    record Result(String target, int sessions, int rate, long sent, long acked, double p50, double p99, double p999,
                  double max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-8s sessions %2d  rate %6d/s  sent %8d  acked %8d  p50 %8.0f us  p99 %8.0f us"
                    + "  p99.9 %8.0f us  max %8.0f us", target, sessions, rate, sent, acked, p50, p99, p999, max);
        }
    }

    public static void main(String[] args) throws Exception {
        int sessions = arg(args, "sessions", 10);
        int rate = arg(args, "rate", 5_000);
        int seconds = arg(args, "seconds", 20);
        int warmup = arg(args, "warmup", 5);
        io.hyperindex.gateway.journal.FsyncPolicy fsync = io.hyperindex.gateway.journal.FsyncPolicy.parse(
                java.util.Arrays.stream(args).filter(a -> a.startsWith("fsync=")).map(a -> a.substring(6)).findFirst()
                        .orElse("every-batch"));
        String acceptorType = java.util.Arrays.stream(args).filter(a -> a.startsWith("acceptor=")).map(a -> a.substring(9))
                .findFirst().orElse("threaded");
        System.setProperty("hyperindex.fix.acceptorType", acceptorType); // the gateway's and the bare acceptor's
        boolean bareFiles = java.util.Arrays.stream(args).anyMatch(a -> a.equals("bare=file"));
        int repeat = arg(args, "repeat", 1);
        String client = java.util.Arrays.stream(args).filter(a -> a.startsWith("client=")).map(a -> a.substring(7))
                .findFirst().orElse("raw");
        if (!client.equals("raw") && !client.equals("qfj")) {
            throw new IllegalArgumentException("client must be raw or qfj, not " + client);
        }
        List<Double> p50Ratios = new ArrayList<>();
        List<Double> p99Ratios = new ArrayList<>();
        for (int run = 1; run <= repeat; run++) {
            Path dir = Files.createTempDirectory("fix-load");
            Result bare = runBare(dir.resolve("bare"), sessions, rate, warmup, seconds, bareFiles, client);
            Result gateway = runGateway(dir.resolve("gateway"), sessions, rate, warmup, seconds, fsync, client);
            System.out.println(bare);
            System.out.println(gateway);
            p50Ratios.add(gateway.p50() / bare.p50());
            p99Ratios.add(gateway.p99() / bare.p99());
            System.out.printf(Locale.ROOT, "run %d  gateway / bare: p50 %.2f  p99 %.2f%n", run,
                    p50Ratios.get(run - 1), p99Ratios.get(run - 1));
        }
        if (repeat > 1) {
            System.out.printf(Locale.ROOT, "median of %d runs  gateway / bare: p50 %.2f  p99 %.2f%n", repeat,
                    median(p50Ratios), median(p99Ratios));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int arg(String[] args, String name, int otherwise) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return otherwise;
    }

    /** The load against a real gateway (sandbox instruments and limits). */
    static Result runGateway(Path dir, int sessions, int rate, int warmupSeconds, int seconds,
                             io.hyperindex.gateway.journal.FsyncPolicy fsync, String client) throws Exception {
        try (FixFixture gw = new FixFixture(dir, fsync)) {
            List<SessionID> ids = new ArrayList<>();
            List<Ed25519Key> keys = new ArrayList<>();
            for (String suffix : List.of("-L1", "-L2", "-L3")) {
                for (var e : gw.keys.entrySet()) {
                    if (ids.size() < sessions) {
                        ids.add(new SessionID("FIX.4.4", e.getKey().toUpperCase(Locale.ROOT) + suffix, "HYPERINDEX"));
                        keys.add(e.getValue());
                    }
                }
            }
            Result r = drive("gateway", gw.port(), ids, keys, rate, warmupSeconds, seconds, client);
            var engine = gw.server.engine();
            System.out.printf(Locale.ROOT, "gateway journal (fsync %s): %d commands in %d group commits%n",
                    fsync.configName(), engine.lastSequence(), engine.journalCommits());
            return r;
        }
    }

    /**
     * The load against a bare QuickFIX/J acceptor that answers every order with an ExecutionReport New.
     *
     * @param files with QuickFIX/J's file message store and file message log under {@code dir}, as the
     *              gateway's sessions have them (fix-spec/acceptor.cfg), instead of memory and no log;
     *              and, like the gateway for these IOC orders, an Expired report after the New one
     */
    static Result runBare(Path dir, int sessions, int rate, int warmupSeconds, int seconds, boolean files, String client)
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "acceptor");
        settings.setString("SocketAcceptAddress", "127.0.0.1");
        settings.setLong("SocketAcceptPort", port);
        settings.setString("NonStopSession", "Y");
        settings.setString("UseDataDictionary", "Y");
        settings.setString("DataDictionary", "io/hyperindex/gateway/api/fix/FIX44.xml");
        settings.setString("SocketTcpNoDelay", "Y");
        List<SessionID> ids = new ArrayList<>();
        List<Ed25519Key> keys = new ArrayList<>();
        Ed25519Key anyKey = Ed25519Key.fromSeedHex("00".repeat(32));
        for (int i = 0; i < sessions; i++) {
            SessionID partner = new SessionID("FIX.4.4", "LOAD-" + i, "BARE");
            ids.add(partner);
            keys.add(anyKey);
            SessionID acceptor = new SessionID("FIX.4.4", "BARE", "LOAD-" + i);
            settings.setString(acceptor, "BeginString", "FIX.4.4");
            settings.setString(acceptor, "SenderCompID", "BARE");
            settings.setString(acceptor, "TargetCompID", "LOAD-" + i);
        }
        AtomicLong orderIds = new AtomicLong();
        Application acks = new Adapter() {
            @Override
            public void fromApp(Message m, SessionID id) throws FieldNotFound {
                if (!"D".equals(m.getHeader().getString(MsgType.FIELD))) {
                    return;
                }
                long orderId = orderIds.incrementAndGet();
                Session session = Session.lookupSession(id);
                session.send(bareReport(m, orderId, "E", '0', m.getString(38)));
                if (files) {
                    // an IOC that found nothing ends at once: the Expired report the gateway sends too,
                    // so that both targets send (and the load tool's clients parse) the same messages
                    session.send(bareReport(m, orderId, "X", 'C', "0"));
                }
            }
        };
        quickfix.MessageStoreFactory stores = new MemoryStoreFactory();
        quickfix.LogFactory logs = SILENT;
        if (files) {
            settings.setString("FileStorePath", dir.resolve("store").toString());
            settings.setString("FileStoreSync", "N");
            settings.setString("FileLogPath", dir.resolve("log").toString());
            settings.setString("FileLogHeartbeats", "N");
            settings.setString("FileIncludeMilliseconds", "Y");
            settings.setString("FileIncludeTimeStampForMessages", "Y");
            stores = new quickfix.FileStoreFactory(settings);
            logs = new quickfix.FileLogFactory(settings);
        }
        quickfix.mina.acceptor.AbstractSocketAcceptor acceptor = "socket".equals(System.getProperty("hyperindex.fix.acceptorType"))
                ? new quickfix.SocketAcceptor(acks, stores, settings, logs, new DefaultMessageFactory())
                : new ThreadedSocketAcceptor(acks, stores, settings, logs, new DefaultMessageFactory());
        acceptor.start();
        try {
            return drive(files ? "bare-file" : "bare", port, ids, keys, rate, warmupSeconds, seconds, client);
        } finally {
            acceptor.stop(true);
        }
    }

    /** The bare acceptor's report on order {@code nos}: ExecType and OrdStatus {@code status}, nothing filled. */
    private static ExecutionReport bareReport(Message nos, long orderId, String execPrefix, char status, String leaves)
            throws FieldNotFound {
        ExecutionReport er = new ExecutionReport();
        er.setString(37, Long.toString(orderId));
        er.setString(17, execPrefix + orderId);
        er.setChar(150, status);
        er.setChar(39, status);
        er.setString(11, nos.getString(11));
        er.setString(55, nos.getString(55));
        er.setString(54, nos.getString(54));
        er.setString(38, nos.getString(38));
        er.setString(151, leaves);
        er.setDecimal(14, BigDecimal.ZERO);
        er.setDecimal(6, BigDecimal.ZERO);
        return er;
    }

    /** Sends order {@code i} with ClOrdID {@code clOrdId}. */
    @FunctionalInterface
    private interface OrderSender {
        void send(long i, String clOrdId) throws Exception;
    }

    /**
     * Logs on every session, sends at {@code rate} for warm-up plus {@code seconds}, records the measured part.
     *
     * @param client {@code raw} ({@link RawFixClients}) or {@code qfj} (QuickFIX/J initiators)
     */
    private static Result drive(String target, int port, List<SessionID> ids, List<Ed25519Key> keys, int rate,
                                int warmupSeconds, int seconds, String client) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong acked = new AtomicLong();
        Consumer<String> onNew = cl -> {
            long scheduled = Long.parseLong(cl.substring(cl.indexOf('-') + 1));
            if (cl.startsWith("M")) {
                recorder.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1_000));
            }
            acked.incrementAndGet();
        };
        if ("qfj".equals(client)) {
            return driveQuickFixJ(target, port, ids, keys, rate, warmupSeconds, seconds, recorder, acked, onNew);
        }
        try (RawFixClients clients = new RawFixClients(port, ids, keys, onNew)) {
            if (!clients.awaitLoggedOn(30_000)) {
                throw new IOException(target + ": not every raw FIX session logged on in 30 s");
            }
            int n = clients.sessions();
            Result r = pace(target, ids.size(), rate, warmupSeconds, seconds, recorder, acked,
                    (i, cl) -> clients.sendOrder((int) (i % n), cl));
            if (clients.rejects() > 0) {
                throw new IllegalStateException(target + " rejected " + clients.rejects() + " messages, the first: "
                        + clients.firstReject());
            }
            return r;
        }
    }

    private static Result driveQuickFixJ(String target, int port, List<SessionID> ids, List<Ed25519Key> keys, int rate,
                                         int warmupSeconds, int seconds, Recorder recorder, AtomicLong acked,
                                         Consumer<String> onNew) throws Exception {
        CountDownLatch loggedOn = new CountDownLatch(ids.size());
        Application client = new Adapter() {
            @Override
            public void onLogon(SessionID id) {
                loggedOn.countDown();
            }

            @Override
            public void toAdmin(Message m, SessionID id) {
                try {
                    if (MsgType.LOGON.equals(m.getHeader().getString(MsgType.FIELD))) {
                        Ed25519Key key = keys.get(ids.indexOf(id));
                        LogonSignature.signLogon(m, key, key.keyId());
                    }
                } catch (FieldNotFound e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void fromApp(Message m, SessionID id) throws FieldNotFound {
                if ("8".equals(m.getHeader().getString(MsgType.FIELD)) && "0".equals(m.getString(150))) {
                    onNew.accept(m.getString(ClOrdID.FIELD));
                }
            }
        };
        SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "initiator");
        s.setString("SocketConnectHost", "127.0.0.1");
        s.setLong("SocketConnectPort", port);
        s.setLong("HeartBtInt", 30);
        s.setLong("ReconnectInterval", 1);
        s.setString("NonStopSession", "Y");
        s.setString("ResetOnLogon", "Y");
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", "io/hyperindex/gateway/api/fix/FIX44.xml");
        s.setString("SocketTcpNoDelay", "Y");
        for (SessionID id : ids) {
            s.setString(id, "BeginString", "FIX.4.4");
            s.setString(id, "SenderCompID", id.getSenderCompID());
            s.setString(id, "TargetCompID", id.getTargetCompID());
        }
        SocketInitiator initiator = new SocketInitiator(client, new MemoryStoreFactory(), s, SILENT,
                new DefaultMessageFactory());
        initiator.start();
        try {
            if (!loggedOn.await(30, TimeUnit.SECONDS)) {
                throw new IOException(target + ": only " + (ids.size() - loggedOn.getCount()) + " of " + ids.size()
                        + " sessions logged on");
            }
            List<Session> sessions = ids.stream().map(Session::lookupSession).toList();
            return pace(target, ids.size(), rate, warmupSeconds, seconds, recorder, acked,
                    (i, cl) -> sessions.get((int) (i % sessions.size())).send(order(cl)));
        } finally {
            initiator.stop(true);
        }
    }

    /**
     * Sends {@code rate} orders a second for warm-up plus {@code seconds} (open loop: each at its
     * scheduled time, which its ClOrdID carries), then waits up to 10 s for the last acks.
     */
    private static Result pace(String target, int sessions, int rate, int warmupSeconds, int seconds, Recorder recorder,
                               AtomicLong acked, OrderSender sender) throws Exception {
        long period = 1_000_000_000L / rate;
        long total = (long) rate * (warmupSeconds + seconds);
        long warm = (long) rate * warmupSeconds;
        long start = System.nanoTime() + 10_000_000L;
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * period;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                if (wait > 50_000) {
                    LockSupport.parkNanos(wait - 20_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            if (i == warm) {
                recorder.getIntervalHistogram(); // drop the warm-up
            }
            sender.send(i, (i < warm ? "W" : "M") + i + "-" + scheduled);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (acked.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Histogram h = recorder.getIntervalHistogram();
        return new Result(target, sessions, rate, total, acked.get(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }

    private static quickfix.fix44.NewOrderSingle order(String clOrdId) {
        quickfix.fix44.NewOrderSingle m = FixFixture.limit(clOrdId, '1', "0.01", "90000");
        m.setChar(quickfix.field.TimeInForce.FIELD, quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL);
        return m;
    }

    /** No message or event log on the load tool's side (the gateway keeps its configured file logs). */
    private static final quickfix.LogFactory SILENT = id -> new quickfix.Log() {
        public void clear() { }
        public void onIncoming(String m) { }
        public void onOutgoing(String m) { }
        public void onEvent(String t) { }
        public void onErrorEvent(String t) { }
    };

    /** An Application that does nothing unless told. */
    private static class Adapter implements Application {
        public void onCreate(SessionID id) { }
        public void onLogon(SessionID id) { }
        public void onLogout(SessionID id) { }
        public void toAdmin(Message m, SessionID id) { }
        public void fromAdmin(Message m, SessionID id) { }
        public void toApp(Message m, SessionID id) { }
        public void fromApp(Message m, SessionID id) throws FieldNotFound { }
    }
}
