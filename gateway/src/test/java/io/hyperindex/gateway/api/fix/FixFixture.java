package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.server.GatewayServer;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A real gateway (configured mode, sandbox instruments and accounts) on loopback with a fixed
 * Ed25519 key per account, and FIX sessions per account: {@code MM-ALPHA} (trading),
 * {@code MM-ALPHA-DC} (for a drop copy) and {@code MM-ALPHA-L1..3} (load), all addressed to
 * {@code HYPERINDEX}.
 */
final class FixFixture implements AutoCloseable {
    /** The CompID suffixes of each account's sessions: trading, drop copy, and three for the load tool. */
    static final List<String> SESSION_SUFFIXES = List.of("", "-DC", "-L1", "-L2", "-L3");
    final Path dir;
    final Map<String, Ed25519Key> keys = new LinkedHashMap<>();
    final StringWriter console = new StringWriter();
    /** Journal durability of the gateway: no fsync in the FIX tests (they restart only gracefully). */
    io.hyperindex.gateway.journal.FsyncPolicy fsync;
    GatewayServer server;
    /** Account id -> the scopes of its key, for accounts whose key is not the default read and trade. */
    final Map<String, java.util.Set<io.hyperindex.gateway.auth.Scope>> keyScopes = new java.util.HashMap<>();
    private final List<FixTestClient> clients = new ArrayList<>();

    FixFixture(Path dir) throws Exception {
        this(dir, io.hyperindex.gateway.journal.FsyncPolicy.NONE);
    }

    FixFixture(Path dir, io.hyperindex.gateway.journal.FsyncPolicy fsync) throws Exception {
        this.dir = dir;
        this.fsync = fsync;
        GatewayConfig base = SandboxDefaults.config();
        byte n = 1;
        for (GatewayConfig.Account a : base.accounts()) {
            byte[] seed = new byte[32];
            java.util.Arrays.fill(seed, n++);
            keys.put(a.id(), Ed25519Key.fromSeedHex(HexFormat.of().formatHex(seed)));
        }
        start();
    }

    GatewayConfig config() {
        GatewayConfig sandbox = SandboxDefaults.config();
        GatewayConfig.Journal j = sandbox.journal();
        GatewayConfig base = new GatewayConfig(new GatewayConfig.Server(dir.resolve("data"), "127.0.0.1", 0, 0, 0),
                new GatewayConfig.Journal(fsync, j.snapshotEveryCommands(), j.segmentBytes()), sandbox.engine(),
                sandbox.fees(), sandbox.instruments(), sandbox.risk(), sandbox.accounts());
        List<GatewayConfig.Account> accounts = new ArrayList<>();
        for (GatewayConfig.Account a : base.accounts()) {
            String comp = a.id().toUpperCase(Locale.ROOT);
            Ed25519Key k = keys.get(a.id());
            List<GatewayConfig.FixSession> sessions = new ArrayList<>();
            for (String suffix : SESSION_SUFFIXES) {
                sessions.add(new GatewayConfig.FixSession(comp + suffix, "HYPERINDEX"));
            }
            accounts.add(new GatewayConfig.Account(a.id(), a.displayName(), sessions,
                    List.of(new GatewayConfig.ApiKey(k.keyId(), k.publicKeyHex(),
                            keyScopes.getOrDefault(a.id(), java.util.Set.of(io.hyperindex.gateway.auth.Scope.READ,
                                    io.hyperindex.gateway.auth.Scope.TRADE)))), a.hlAgentAddresses()));
        }
        return base.withAccounts(accounts);
    }

    void start() throws Exception {
        server = new GatewayServer(config(), GatewayServer.Mode.CONFIGURED, new PrintWriter(console, true));
        server.start();
    }

    void restart() throws Exception {
        server.close();
        start();
    }

    int port() {
        return server.fixAddress().getPort();
    }

    /** A client of {@code account}'s trading (or "-DC") session, not yet connected; closed with the fixture. */
    FixTestClient client(String account, String compSuffix, String... logonTags) throws Exception {
        Ed25519Key k = keys.get(account);
        String comp = account.toUpperCase(Locale.ROOT) + compSuffix;
        FixTestClient c = new FixTestClient(port(), comp, "HYPERINDEX", k, k.keyId(),
                dir.resolve("client-" + comp), logonTags);
        clients.add(c);
        return c;
    }

    FixTestClient trader(String account, String... logonTags) throws Exception {
        return client(account, "", logonTags).logOn();
    }

    @Override
    public void close() {
        for (FixTestClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A limit NewOrderSingle (BTC-USDC unless given otherwise). */
    static NewOrderSingle limit(String clOrdId, char side, String qty, String price) {
        NewOrderSingle m = new NewOrderSingle(new ClOrdID(clOrdId), new Side(side),
                new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(OrdType.LIMIT));
        m.set(new Symbol("BTC-USDC"));
        m.setDecimal(OrderQty.FIELD, new BigDecimal(qty));
        m.setDecimal(Price.FIELD, new BigDecimal(price));
        m.set(new TimeInForce(TimeInForce.GOOD_TILL_CANCEL));
        return m;
    }

    static String s(Message m, int tag) {
        try {
            return m.getString(tag);
        } catch (quickfix.FieldNotFound e) {
            throw new AssertionError("no tag " + tag + " in " + m, e);
        }
    }

    static BigDecimal d(Message m, int tag) {
        return new BigDecimal(s(m, tag));
    }
}
