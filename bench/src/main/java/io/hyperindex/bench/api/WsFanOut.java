package io.hyperindex.bench.api;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.journal.FsyncPolicy;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket fan-out: N clients subscribe to one book on {@code /ws/v1}; the engine changes
 * that book at a fixed rate (a resting order placed, then cancelled, alternately, each a book
 * delta); every client records, for every delta it receives, the delay from the engine's
 * stamp of the command ({@code time}, epoch ns, taken when the command entered the engine)
 * to its receipt. All in one JVM on loopback, so one clock serves both ends. Also reports the
 * heap each subscriber costs the gateway (after a full GC, with and without the subscribers).
 */
@CommandLine.Command(name = "ws-fanout", mixinStandardHelpOptions = true,
        description = "book deltas to many /ws/v1 subscribers: delay from engine stamp to client receipt")
public final class WsFanOut implements Callable<Integer> {
    @Option(names = "--subscribers", defaultValue = "1000")
    int subscribers;
    @Option(names = "--rate", defaultValue = "1000", description = "book updates per second")
    int rate;
    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds")
    int seconds;
    @Option(names = "--warmup-seconds", defaultValue = "5")
    int warmupSeconds;
    @Option(names = "--repeat", defaultValue = "3")
    int repeat;
    @Option(names = "--client", defaultValue = "raw",
            description = "raw: RFC 6455 connections on a few selector threads (cheap per message); jdk: java.net.http.WebSocket")
    String client;
    @Option(names = "--client-threads", defaultValue = "1", description = "selector threads of the raw client")
    int clientThreads;
    @Option(names = "--interval", defaultValue = "raw", description = "book interval: raw | 100ms | 1000ms (conflated)")
    String bookInterval;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WsFanOut()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Double> p99s = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            Path dir = Files.createTempDirectory("ws-fanout");
            try (ApiLoad.Sandbox s = new ApiLoad.Sandbox(dir, FsyncPolicy.NONE, ApiLoad.keys(1))) {
                p99s.add(run(s, r + 1));
            }
        }
        System.out.printf(Locale.ROOT, "median p99 over %d runs: %.0f us%n", repeat, ApiLoad.median(p99s));
        return 0;
    }

    private double run(ApiLoad.Sandbox s, int run) throws Exception {
        Engine engine = s.server.engine();
        Instrument ins = s.server.config().instruments().get(0);
        long heapBefore = usedHeapAfterGc();
        Recorder recorder = new Recorder(3);
        AtomicLong received = new AtomicLong();
        AtomicLong measuring = new AtomicLong(Long.MAX_VALUE); // deltas stamped at or after this count
        CountDownLatch subscribed = new CountDownLatch(subscribers);
        String subscribe = "{\"op\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"" + ins.symbol() + "\""
                + (bookInterval.equals("raw") ? "" : ",\"interval\":\"" + bookInterval + "\"") + "}";
        List<WebSocket> sockets = new ArrayList<>();
        RawWsClients raw = null;
        if (client.equals("raw")) {
            raw = new RawWsClients(clientThreads);
            boolean[] snapshot = new boolean[subscribers];
            byte[] timeKey = "\"time\":".getBytes(StandardCharsets.US_ASCII);
            // the gateway writes "type" first (docs/websocket.md): a prefix test, not a search
            byte[] snapshotType = "{\"type\":\"snapshot\"".getBytes(StandardCharsets.US_ASCII);
            byte[] deltaType = "{\"type\":\"delta\"".getBytes(StandardCharsets.US_ASCII);
            raw.open(s.server.httpAddress(), "/ws/v1", subscribers, subscribe, (conn, buf, from, to, now) -> {
                if (RawWsClients.startsWith(buf, from, to, deltaType)) {
                    long stamp = field(buf, from + deltaType.length, to, timeKey);
                    if (stamp > 0) {
                        received.incrementAndGet();
                        if (stamp >= measuring.get()) {
                            recorder.recordValue(Math.max(0, (now - stamp) / 1_000));
                        }
                    }
                } else if (!snapshot[conn] && RawWsClients.startsWith(buf, from, to, snapshotType)) {
                    snapshot[conn] = true;
                    subscribed.countDown();
                }
            }, 60_000);
        } else {
            openJdkClients(s, subscribe, subscribed, received, measuring, recorder, sockets);
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(subscribed.getCount() + " of " + subscribers + " subscribers got no snapshot");
        }
        // the raw clients' receive buffers live in this JVM too: they are not the gateway's
        long heapWith = usedHeapAfterGc() - (raw != null ? (long) subscribers * RawWsClients.BUFFER_BYTES : 0);

        long total = (long) rate * (warmupSeconds + seconds);
        long interval = 1_000_000_000L / rate;
        long price = ins.referencePrice() - 50 * ins.tick();
        long quantity = ins.lot() * 10; // 0.001 BTC: above the 10 USDC minimum notional
        long start = System.nanoTime() + 50_000_000L;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long resting = 0;
        for (long n = 0; n < total; n++) {
            long due = start + n * interval;
            ApiLoad.awaitDue(due);
            if (n == (long) rate * warmupSeconds) {
                measuring.set(epochNanos());
            }
            Command c = n % 2 == 0
                    ? new Command.PlaceOrder(0, ins.id(), "F" + n, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, price,
                    quantity, 0, null, 0)
                    : new Command.CancelOrder(0, resting, null);
            CompletableFuture<io.hyperindex.gateway.engine.CommandResult> f = engine.submit(c);
            if (n % 2 == 0) {
                resting = f.thenApply(res -> res.events().stream()
                        .filter(e -> e instanceof io.hyperindex.gateway.domain.EngineEvent.OrderAccepted)
                        .mapToLong(e -> ((io.hyperindex.gateway.domain.EngineEvent.OrderAccepted) e).orderId()).findFirst()
                        .orElse(0)).get(5, TimeUnit.SECONDS);
                if (resting == 0) {
                    throw new IllegalStateException("the book-changing order was refused: " + f.join().rejection());
                }
            }
            inFlight.add(f);
            if (inFlight.size() > 1000) {
                inFlight.clear();
            }
        }
        Thread.sleep(2_000); // the last deltas reach the clients
        Histogram h = recorder.getIntervalHistogram();
        long expected = (long) subscribers * total;
        System.out.printf(Locale.ROOT, "run %d  %d subscribers, %d updates/s, interval " + bookInterval + ": deltas received %d (raw stream: %d); delay p50 %d us  p90 %d us"
                        + "  p99 %d us  p99.9 %d us  max %d us; heap per subscriber %.1f KiB%n", run, subscribers, rate,
                received.get(), expected, h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                (heapWith - heapBefore) / 1024.0 / subscribers);
        if (raw != null) {
            if (raw.failures() > 0) {
                System.out.println("client connections that failed: " + raw.failures() + " (first: " + raw.firstFailure() + ")");
            }
            raw.close();
        }
        for (WebSocket ws : sockets) {
            ws.abort();
        }
        return h.getValueAtPercentile(99);
    }

    private void openJdkClients(ApiLoad.Sandbox s, String subscribe, CountDownLatch subscribed, AtomicLong received,
                                AtomicLong measuring, Recorder recorder, List<WebSocket> sockets) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + s.server.httpAddress().getPort() + "/ws/v1");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (int i = 0; i < subscribers; i++) {
            WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                final StringBuilder part = new StringBuilder();
                boolean snapshot;

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    part.append(data);
                    if (last) {
                        long now = epochNanos();
                        long stamp = field(part, "\"time\":");
                        if (!snapshot && indexOf(part, "\"type\":\"snapshot\"") >= 0) {
                            snapshot = true;
                            subscribed.countDown();
                        } else if (stamp > 0 && indexOf(part, "\"type\":\"delta\"") >= 0) {
                            received.incrementAndGet();
                            if (stamp >= measuring.get()) {
                                recorder.recordValue(Math.max(0, (now - stamp) / 1_000));
                            }
                        }
                        part.setLength(0);
                    }
                    w.request(1);
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
            ws.sendText(subscribe, true);
            sockets.add(ws);
        }
    }

    static long epochNanos() {
        return RawWsClients.epochNanos();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The non-negative integer after {@code key} in {@code b[from, to)}, or -1. */
    private static long field(byte[] b, int from, int to, byte[] key) {
        int i = RawWsClients.indexOf(b, from, to, key);
        if (i < 0) {
            return -1;
        }
        long v = 0;
        for (int j = i + key.length; j < to && b[j] >= '0' && b[j] <= '9'; j++) {
            v = v * 10 + (b[j] - '0');
        }
        return v;
    }

    private static int indexOf(CharSequence s, String what) {
        int n = s.length() - what.length();
        outer:
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j < what.length(); j++) {
                if (s.charAt(i + j) != what.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The non-negative integer after {@code key}, or -1. */
    private static long field(CharSequence s, String key) {
        int i = indexOf(s, key);
        if (i < 0) {
            return -1;
        }
        long v = 0;
        for (int j = i + key.length(); j < s.length() && Character.isDigit(s.charAt(j)); j++) {
            v = v * 10 + (s.charAt(j) - '0');
        }
        return v;
    }
}
