package io.hyperindex.bench.api;

import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.journal.FsyncPolicy;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.server.GatewayServer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Order-to-ack latency over the gateway's request/response APIs, open loop: orders are due at
 * a fixed rate, and each one's latency runs from its due time to its answer, so a stall of the
 * client or the server is not hidden. Each run measures the real gateway (sandbox instruments,
 * its journal, signatures verified, risk checks) and, with the same client, requests and
 * signatures, a bare server on the same protocol stack that answers every order at once
 * without any engine: a grpc-java service and a Netty HTTP handler. Runs alternate bare and
 * gateway, {@code --repeat} times, and the medians of the ratios are printed.
 *
 * <p>The orders are IOC limit buys below the book: accepted, then expired, so nothing piles up.
 * Only loopback; every run is bounded in count (rate x seconds) and time (10 s grace).
 */
@CommandLine.Command(name = "api-load", mixinStandardHelpOptions = true,
        description = "order-to-ack latency over gRPC or REST against a bare baseline (open loop)")
public final class ApiLoad implements Callable<Integer> {
    @Option(names = "--protocol", defaultValue = "grpc", description = "grpc or rest")
    String protocol;
    @Option(names = "--rate", defaultValue = "2000", description = "orders per second, all accounts together")
    int rate;
    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per run")
    int seconds;
    @Option(names = "--warmup-seconds", defaultValue = "10", description = "unrecorded seconds before measuring")
    int warmupSeconds;
    @Option(names = "--repeat", defaultValue = "3", description = "bare + gateway pairs")
    int repeat;
    @Option(names = "--fsync", defaultValue = "every-batch", description = "the gateway journal's fsync: none or every-batch")
    String fsync;
    @Option(names = "--accounts", defaultValue = "3", description = "demo accounts (and keys) the orders are spread over")
    int accounts;

    /** One run's outcome; latencies in microseconds. */
    public record Result(String target, int rate, long sent, long acked, long failed, double p50, double p90, double p99,
                         double p999, double max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-13s rate %5d/s  sent %7d  acked %7d  failed %4d  p50 %7.0f us  p90 %7.0f us"
                            + "  p99 %7.0f us  p99.9 %7.0f us  max %7.0f us", target, rate, sent, acked, failed, p50, p90, p99,
                    p999, max);
        }
    }

    /** A client of one target: sends order {@code n} for account {@code account} and completes when it is answered. */
    public interface Client extends AutoCloseable {
        CompletableFuture<Void> placeOrder(int account, long n);

        @Override
        void close();

        /** This client, whose close also runs {@code after} (e.g. stops the server it talks to). */
        default Client closingAlso(Runnable after) {
            Client self = this;
            return new Client() {
                @Override
                public CompletableFuture<Void> placeOrder(int account, long n) {
                    return self.placeOrder(account, n);
                }

                @Override
                public void close() {
                    self.close();
                    after.run();
                }
            };
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ApiLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        FsyncPolicy policy = FsyncPolicy.parse(fsync);
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            Path dir = Files.createTempDirectory("api-load");
            Result bare;
            Result gateway;
            List<Ed25519Key> keys = keys(accounts);
            try (Client c = bareClient(keys)) {
                bare = drive(protocol + "-bare", c, accounts, rate, warmupSeconds, seconds);
            }
            try (Sandbox s = new Sandbox(dir, policy, keys); Client c = gatewayClient(s, keys)) {
                gateway = drive(protocol + "-gateway", c, accounts, rate, warmupSeconds, seconds);
                System.out.printf(Locale.ROOT, "gateway journal (fsync %s): %d commands in %d group commits%n",
                        policy.configName(), s.server.engine().lastSequence(), s.server.engine().journalCommits());
            }
            System.out.println(bare);
            System.out.println(gateway);
            System.out.printf(Locale.ROOT, "run %d  gateway / bare: p50 %.2f  p99 %.2f%n", r + 1, gateway.p50() / bare.p50(),
                    gateway.p99() / bare.p99());
            if (gateway.acked() != gateway.sent() || bare.acked() != bare.sent()) {
                System.out.println("NOT EVERY ORDER WAS ACKNOWLEDGED");
            }
            p50s.add(gateway.p50() / bare.p50());
            p99s.add(gateway.p99() / bare.p99());
        }
        System.out.printf(Locale.ROOT, "median of %d runs  gateway / bare: p50 %.2f  p99 %.2f%n", repeat, median(p50s),
                median(p99s));
        return 0;
    }

    private Client bareClient(List<Ed25519Key> keys) throws Exception {
        return switch (protocol) {
            case "grpc" -> GrpcTargets.bare(keys);
            case "rest" -> RestTargets.bare(keys);
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown protocol " + protocol);
        };
    }

    private Client gatewayClient(Sandbox s, List<Ed25519Key> keys) throws Exception {
        return switch (protocol) {
            case "grpc" -> GrpcTargets.gateway(s.server.grpcAddress().getPort(), keys, s.symbol, s.price, s.quantity);
            case "rest" -> RestTargets.gateway(s.server.httpAddress().getPort(), keys, s.symbol, s.price, s.quantity);
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown protocol " + protocol);
        };
    }

    /**
     * Waits until {@code System.nanoTime()} reaches {@code due}: parks while more than 0.2 ms
     * remain, then spins, so an open-loop sender wakes close to each due time.
     */
    static void awaitDue(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            if (wait > 200_000) {
                LockSupport.parkNanos(wait - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** The first {@code n} sandbox accounts' signing keys (fixed seeds 01.., 02.., ...). */
    static List<Ed25519Key> keys(int n) {
        List<Ed25519Key> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] seed = new byte[32];
            java.util.Arrays.fill(seed, (byte) (i + 1));
            keys.add(Ed25519Key.fromSeedHex(HexFormat.of().formatHex(seed)));
        }
        return keys;
    }

    /** A real gateway on loopback: the sandbox's instruments, accounts and limits, the given keys and journal fsync. */
    public static final class Sandbox implements AutoCloseable {
        public final GatewayServer server;
        /** The order every client sends: an IOC buy ten ticks below the first instrument's reference price. */
        public final String symbol;
        public final String price;
        public final String quantity;

        public Sandbox(Path dir, FsyncPolicy fsync, List<Ed25519Key> keys) throws Exception {
            GatewayConfig sandbox = SandboxDefaults.config();
            GatewayConfig.Journal j = sandbox.journal();
            GatewayConfig base = new GatewayConfig(new GatewayConfig.Server(dir.resolve("data"), "127.0.0.1", 0, 0, 0),
                    new GatewayConfig.Journal(fsync, j.snapshotEveryCommands(), j.segmentBytes()), sandbox.engine(),
                    sandbox.fees(), sandbox.instruments(), sandbox.risk(), sandbox.accounts());
            List<GatewayConfig.Account> accounts = new ArrayList<>();
            for (int i = 0; i < base.accounts().size(); i++) {
                GatewayConfig.Account a = base.accounts().get(i);
                List<GatewayConfig.ApiKey> apiKeys = i < keys.size()
                        ? List.of(new GatewayConfig.ApiKey(keys.get(i).keyId(), keys.get(i).publicKeyHex())) : a.apiKeys();
                accounts.add(new GatewayConfig.Account(a.id(), a.displayName(), a.fixSessions(), apiKeys,
                        a.hlAgentAddresses()));
            }
            server = new GatewayServer(base.withAccounts(accounts), GatewayServer.Mode.CONFIGURED,
                    new PrintWriter(new StringWriter()));
            server.start();
            var ins = sandbox.instruments().get(0);
            symbol = ins.symbol();
            price = ins.price(ins.referencePrice() - 10 * ins.tick()).toPlainString();
            quantity = ins.qty(ins.lot() * 10).toPlainString();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /**
     * Sends {@code rate} orders a second for warm-up plus {@code seconds}, round-robin over the
     * accounts, each at its due time; records the measured part from due time to answer.
     */
    public static Result drive(String target, Client client, int accounts, int rate, int warmupSeconds, int seconds)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long total = (long) rate * (warmupSeconds + seconds);
        long warm = (long) rate * warmupSeconds;
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        for (long n = 0; n < total; n++) {
            long due = start + n * interval;
            awaitDue(due);
            boolean measured = n >= warm;
            client.placeOrder((int) (n % accounts), n).whenComplete((v, e) -> {
                if (e != null) {
                    if (failed.incrementAndGet() <= 3) {
                        System.err.println(target + ": " + e);
                    }
                    return;
                }
                if (measured) {
                    recorder.recordValue(Math.max(0, (System.nanoTime() - due) / 1_000));
                }
                acked.incrementAndGet();
            });
        }
        long graceEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (acked.get() + failed.get() < total && System.nanoTime() < graceEnd) {
            Thread.sleep(10);
        }
        Histogram h = recorder.getIntervalHistogram();
        return new Result(target, rate, total, acked.get(), failed.get(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
