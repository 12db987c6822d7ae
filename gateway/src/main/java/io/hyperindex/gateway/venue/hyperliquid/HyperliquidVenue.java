package io.hyperindex.gateway.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.venue.RoutedOrder;
import io.hyperindex.gateway.venue.Venue;
import io.hyperindex.gateway.venue.VenueHealth;
import io.hyperindex.gateway.venue.VenueInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The Hyperliquid venue: sends the engine's routed orders to a Hyperliquid endpoint and brings
 * the venue's answers back into the engine as commands.
 *
 * <ul>
 * <li>Out: orders (limit Alo/Ioc/Gtc, reduce-only, a cloid derived from the order id) are batched
 *     at most 40 per action, Alo apart from Ioc/Gtc, per sub-account ({@code vaultAddress});
 *     cancels go first, by cloid. Each action is signed by the API wallet with a fresh nonce and
 *     waits for Hyperliquid's IP and address budgets instead of being refused.</li>
 * <li>In: the HTTP answers (resting/filled = acknowledged, error = rejected) and the WebSocket's
 *     {@code orderUpdates} and {@code userFills} become VenueOrderAcked, VenueOrderRejected,
 *     VenueFill and VenueOrderDone, submitted one at a time, in arrival order, by one thread.</li>
 * <li>After every (re)connect: a reconciliation through /info (fills since the last one seen,
 *     open orders, the status of every routed order no longer open there) submits what the
 *     stream missed; the engine drops fills it already has.</li>
 * <li>While the gateway is healthy and connected, {@code scheduleCancel} is renewed as a dead-man
 *     switch: if the gateway dies, the venue cancels its orders.</li>
 * </ul>
 * Nothing here runs on the engine thread; the router only queues.
 */
public final class HyperliquidVenue implements Venue {
    private static final Logger log = LoggerFactory.getLogger(HyperliquidVenue.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BATCH = 40;
    /** Fills are re-read from this long before the newest one seen (clock skew, same-millisecond fills). */
    static final long FILL_LOOKBACK_MILLIS = 60_000;
    private static final int MAX_PARKED = 10_000;

    /** An order the adapter routes. */
    private static final class Tracked {
        final RoutedOrder order;
        final String vault;
        volatile long oid;
        volatile boolean acked;
        /** The venue has answered the placement (or the order predates this process). */
        volatile boolean answered;

        Tracked(RoutedOrder order, String vault, boolean answered) {
            this.order = order;
            this.vault = vault;
            this.answered = answered;
            this.oid = order.venueOrderId();
            this.acked = order.venueOrderId() != 0;
        }
    }

    private final HyperliquidVenueConfig config;
    private final ApiWalletKey key;
    private final VenueInbox inbox;
    private final BooleanSupplier gatewayHealthy;
    private final String user;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Nonces nonces = new Nonces(System::currentTimeMillis);
    private final RateBudget budget;
    private final Map<Integer, Integer> assetOf = new ConcurrentHashMap<>();
    private final Map<String, Instrument> instrumentOfCoin = new HashMap<>();
    private final ConcurrentHashMap<Long, Tracked> orders = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Long> orderOfOid = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, List<JsonNode>> parkedFills = new ConcurrentHashMap<>();
    private final AtomicLong lastFillMillis = new AtomicLong();
    private final LinkedBlockingQueue<Command> inbound = new LinkedBlockingQueue<>();

    /** The sender thread owns the queues below: batching, budget waits, sends. */
    private final ScheduledExecutorService sender = daemon("hl-venue-send");
    /** Connects, reconciles, renews the dead-man switch. */
    private final ScheduledExecutorService control = daemon("hl-venue-control");
    private final Thread inboundThread;
    private final ArrayDeque<Tracked> toPlace = new ArrayDeque<>();
    private final ArrayDeque<Tracked> toCancel = new ArrayDeque<>();
    private boolean drainScheduled;

    private volatile boolean running = true;
    private volatile boolean metaLoaded;
    private volatile WebSocket socket;
    private volatile boolean connected;
    private volatile String lastError;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong reconciliations = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private volatile boolean everConnected;
    private volatile boolean reconcileQueued;
    private long backoffMillis = 100;

    /**
     * @param gatewayHealthy whether the dead-man switch may be renewed (the engine is ready)
     */
    public HyperliquidVenue(HyperliquidVenueConfig config, ApiWalletKey key, VenueInbox inbox,
                            BooleanSupplier gatewayHealthy) {
        this.config = config;
        this.key = key;
        this.inbox = inbox;
        this.gatewayHealthy = gatewayHealthy;
        this.user = (config.user() == null ? key.address() : config.user()).toLowerCase();
        this.budget = new RateBudget(config.ipWeightPerMinute(), config.addressBuffer(), System.nanoTime());
        for (HyperliquidVenueConfig.Routed r : config.instruments().values()) {
            instrumentOfCoin.put(r.coin(), r.instrument());
        }
        this.inboundThread = new Thread(this::submitLoop, "hl-venue-inbound");
        inboundThread.setDaemon(true);
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "hyperliquid";
    }

    @Override
    public boolean routes(int instrument) {
        return config.instruments().containsKey(instrument);
    }

    /** The trading user whose orders and fills are read (the master account, lower case). */
    public String user() {
        return user;
    }

    @Override
    public void start(List<RoutedOrder> open) {
        for (RoutedOrder o : open) {
            Tracked t = new Tracked(o, config.vaults().get(o.account()), true);
            if (orders.putIfAbsent(o.orderId(), t) != null) {
                continue;
            }
            if (t.acked) {
                orderOfOid.put(t.oid, o.orderId());
            }
        }
        inboundThread.start();
        control.execute(this::loadMetaThenConnect);
        if (config.deadManMillis() > 0) {
            control.scheduleWithFixedDelay(this::renewDeadMan, config.deadManRenewMillis(), config.deadManRenewMillis(),
                    TimeUnit.MILLISECONDS);
        }
        control.scheduleWithFixedDelay(this::ping, 30, 30, TimeUnit.SECONDS);
        log.info("Hyperliquid venue at {} for user {} (API wallet {}), {} open routed orders to reconcile",
                config.baseUrl(), user, key.address(), open.size());
    }

    // ------------------------------------------------------------------ outbound

    @Override
    public void place(List<RoutedOrder> placed) {
        List<Tracked> ts = new ArrayList<>(placed.size());
        for (RoutedOrder o : placed) {
            Tracked t = new Tracked(o, config.vaults().get(o.account()), false);
            if (orders.putIfAbsent(o.orderId(), t) == null) {
                ts.add(t);
            }
        }
        sender.execute(() -> {
            toPlace.addAll(ts);
            drain();
        });
    }

    @Override
    public void cancel(List<RoutedOrder> cancels) {
        sender.execute(() -> {
            for (RoutedOrder c : cancels) {
                Tracked t = orders.get(c.orderId());
                if (t == null) {
                    continue;
                }
                if (toPlace.remove(t)) {
                    // never sent: it ends here with nothing filled
                    enqueue(new Command.VenueOrderDone(c.orderId(), 0));
                } else if (!toCancel.contains(t)) {
                    toCancel.add(t);
                }
            }
            drain();
        });
    }

    @Override
    public void ended(List<Long> orderIds) {
        for (long id : orderIds) {
            Tracked t = orders.remove(id);
            if (t != null && t.oid != 0) {
                orderOfOid.remove(t.oid);
            }
        }
    }

    /** On the sender thread: sends what the budget allows, cancels first; reschedules itself for the rest. */
    private void drain() {
        if (!running || !metaLoaded) {
            return;
        }
        while (!toCancel.isEmpty() || !toPlace.isEmpty()) {
            boolean cancels = !toCancel.isEmpty();
            ArrayDeque<Tracked> queue = cancels ? toCancel : toPlace;
            List<Tracked> batch = takeBatch(queue, cancels);
            long wait = budget.tryTake(RateBudget.exchangeWeight(batch.size()), batch.size(), cancels, System.nanoTime());
            if (wait > 0) {
                for (int i = batch.size() - 1; i >= 0; i--) {
                    queue.addFirst(batch.get(i));
                }
                throttled.incrementAndGet();
                scheduleDrain(wait == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : wait);
                return;
            }
            if (cancels) {
                sendCancels(batch);
            } else {
                sendOrders(batch);
            }
        }
    }

    private void scheduleDrain(long nanos) {
        if (!drainScheduled) {
            drainScheduled = true;
            sender.schedule(() -> {
                drainScheduled = false;
                drain();
            }, Math.max(nanos, 1_000_000), TimeUnit.NANOSECONDS);
        }
    }

    /** Up to 40 from the head of the queue that share the head's action: same vault, and (orders) Alo or not. */
    private static List<Tracked> takeBatch(ArrayDeque<Tracked> queue, boolean cancels) {
        Tracked head = queue.peekFirst();
        List<Tracked> batch = new ArrayList<>();
        for (Iterator<Tracked> it = queue.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
            Tracked t = it.next();
            if (Objects.equals(t.vault, head.vault) && (cancels || t.order.postOnly() == head.order.postOnly())) {
                batch.add(t);
                it.remove();
            }
        }
        return batch;
    }

    private String cloid(long orderId) {
        return Cloids.of(config.cloidPrefix(), orderId);
    }

    /** The order action for a batch, fields in Hyperliquid's order (it is hashed as sent). */
    ObjectNode orderAction(List<RoutedOrder> batch) {
        ObjectNode action = JSON.createObjectNode().put("type", "order");
        ArrayNode wires = action.putArray("orders");
        for (RoutedOrder o : batch) {
            Instrument ins = config.instruments().get(o.instrument()).instrument();
            ObjectNode w = wires.addObject();
            w.put("a", assetOf.get(o.instrument()));
            w.put("b", o.side() == Side.BUY);
            w.put("p", WireNumbers.toWire(ins.price(o.price())));
            w.put("s", WireNumbers.toWire(ins.qty(o.quantity() - o.filled())));
            w.put("r", o.reduceOnly());
            w.putObject("t").putObject("limit").put("tif", o.postOnly() ? "Alo"
                    : o.timeInForce() == TimeInForce.IOC ? "Ioc" : "Gtc");
            w.put("c", cloid(o.orderId()));
        }
        action.put("grouping", "na");
        return action;
    }

    private void sendOrders(List<Tracked> batch) {
        ObjectNode action = orderAction(batch.stream().map(t -> t.order).toList());
        post(config.exchange(), ExchangeRequest.sign(key.pair(), action, nonces.next(), batch.get(0).vault, null,
                config.testnetSignatures())).whenComplete((r, failure) -> {
            if (failure != null || r.statusCode() >= 500 || r.statusCode() == 429) {
                if (r != null && r.statusCode() == 429) {
                    sender.execute(() -> {
                        for (int i = batch.size() - 1; i >= 0; i--) {
                            toPlace.addFirst(batch.get(i));
                        }
                        scheduleDrain(TimeUnit.SECONDS.toNanos(1));
                    });
                    return;
                }
                // the venue may or may not have the orders: the reconciliation asks it by cloid
                lastError = "order action failed: " + (failure != null ? failure.toString() : "HTTP " + r.statusCode());
                log.warn("Hyperliquid {}; reconciling", lastError);
                for (Tracked t : batch) {
                    t.answered = true;
                }
                requestReconcile();
                return;
            }
            onOrderResponse(batch, r.body());
        });
    }

    private void onOrderResponse(List<Tracked> batch, String text) {
        JsonNode body = parse(text);
        JsonNode statuses = body.path("response").path("data").path("statuses");
        for (int i = 0; i < batch.size(); i++) {
            Tracked t = batch.get(i);
            t.answered = true;
            JsonNode s = statuses.path(i);
            if (!"ok".equals(body.path("status").asText())) {
                String why = body.path("response").isTextual() ? body.path("response").asText() : String.valueOf(text);
                enqueue(new Command.VenueOrderRejected(t.order.orderId(), bounded(why)));
            } else if (s.has("resting")) {
                acked(t.order.orderId(), s.path("resting").path("oid").asLong());
            } else if (s.has("filled")) {
                acked(t.order.orderId(), s.path("filled").path("oid").asLong());
            } else {
                enqueue(new Command.VenueOrderRejected(t.order.orderId(),
                        bounded(s.has("error") ? s.path("error").asText() : "no status for the order: " + s)));
            }
        }
    }

    private void sendCancels(List<Tracked> batch) {
        ObjectNode action = JSON.createObjectNode().put("type", "cancelByCloid");
        ArrayNode cancels = action.putArray("cancels");
        for (Tracked t : batch) {
            cancels.addObject().put("asset", assetOf.get(t.order.instrument())).put("cloid", cloid(t.order.orderId()));
        }
        post(config.exchange(), ExchangeRequest.sign(key.pair(), action, nonces.next(), batch.get(0).vault, null,
                config.testnetSignatures())).whenComplete((r, failure) -> {
            if (failure != null || r.statusCode() != 200) {
                lastError = "cancel action failed: " + (failure != null ? failure.toString() : "HTTP " + r.statusCode());
                log.warn("Hyperliquid {}; sending again", lastError);
                sender.execute(() -> {
                    toCancel.addAll(batch);
                    scheduleDrain(TimeUnit.MILLISECONDS.toNanos(500));
                });
                return;
            }
            JsonNode statuses = parse(r.body()).path("response").path("data").path("statuses");
            for (JsonNode s : statuses) {
                if (s.has("error")) {
                    // already filled or cancelled there: the reconciliation finds out which
                    requestReconcile();
                    break;
                }
            }
        });
    }

    // ------------------------------------------------------------------ inbound

    private void enqueue(Command c) {
        inbound.add(c);
    }

    /** One thread submits the venue's answers in arrival order, each after the previous is journaled. */
    private void submitLoop() {
        try {
            while (running) {
                Command c = inbound.take();
                while (running) {
                    ReasonCode r = inbox.submit(c);
                    if (r != ReasonCode.ENGINE_UNAVAILABLE) {
                        if (r != null && r != ReasonCode.DUPLICATE_VENUE_FILL && r != ReasonCode.UNKNOWN_ORDER) {
                            log.warn("the engine refused {}: {}", c, r);
                        }
                        break;
                    }
                    Thread.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lastError = "submitting to the engine failed: " + e;
            log.error("Hyperliquid venue stopped submitting to the engine", e);
        }
    }

    private void acked(long orderId, long oid) {
        Tracked t = orders.get(orderId);
        if (t == null || oid <= 0) {
            return;
        }
        synchronized (t) {
            if (t.acked) {
                return;
            }
            t.oid = oid;
            t.acked = true;
            t.answered = true;
        }
        orderOfOid.put(oid, orderId);
        enqueue(new Command.VenueOrderAcked(orderId, oid));
        List<JsonNode> parked = parkedFills.remove(oid);
        if (parked != null) {
            for (JsonNode f : parked) {
                onFill(f);
            }
        }
    }

    /** One fill in Hyperliquid's shape (WebSocket or /info). */
    void onFill(JsonNode f) {
        long oid = f.path("oid").asLong();
        Long orderId = orderOfOid.get(oid);
        if (orderId == null && f.hasNonNull("cloid")) {
            long id = Cloids.orderId(config.cloidPrefix(), f.get("cloid").asText());
            if (id > 0 && orders.containsKey(id)) {
                acked(id, oid);
                orderId = id;
            }
        }
        if (orderId == null) {
            // the fill came before the order's acknowledgement (or is another order of the user)
            if (parkedFills.size() < MAX_PARKED) {
                parkedFills.computeIfAbsent(oid, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(f);
            }
            return;
        }
        Tracked t = orders.get(orderId);
        Instrument ins = t != null ? config.instruments().get(t.order.instrument()).instrument()
                : instrumentOfCoin.get(f.path("coin").asText());
        if (ins == null) {
            return;
        }
        long price;
        long qty;
        try {
            price = ins.priceUnits(new BigDecimal(f.path("px").asText()));
            qty = ins.qtyUnits(new BigDecimal(f.path("sz").asText()));
        } catch (ArithmeticException | NumberFormatException e) {
            lastError = "a fill of order " + orderId + " does not fit the instrument's units: " + f;
            log.error(lastError);
            return;
        }
        long time = f.path("time").asLong();
        lastFillMillis.accumulateAndGet(time, Math::max);
        long usdc = ins.notional(price, qty) / 100_000_000L; // cash units (10^-8 USDC) to whole USDC
        budget.traded(usdc);
        enqueue(new Command.VenueFill(orderId, f.path("tid").asLong(), price, qty, !f.path("crossed").asBoolean(), time));
    }

    /** One entry of orderUpdates (or orderStatus): acknowledge, or end the order. */
    void onOrderUpdate(JsonNode u) {
        JsonNode o = u.path("order");
        long oid = o.path("oid").asLong();
        long orderId = o.hasNonNull("cloid") ? Cloids.orderId(config.cloidPrefix(), o.get("cloid").asText())
                : orderOfOid.getOrDefault(oid, -1L);
        Tracked t = orderId > 0 ? orders.get(orderId) : null;
        if (t == null) {
            return;
        }
        acked(orderId, oid);
        String status = u.path("status").asText();
        if (status.equals("open") || status.equals("triggered")) {
            return;
        }
        Instrument ins = config.instruments().get(t.order.instrument()).instrument();
        long filled = -1;
        if (status.equals("filled")) {
            filled = t.order.quantity();
        } else if (o.hasNonNull("origSz") && o.hasNonNull("sz")) {
            try {
                filled = t.order.filled() + ins.qtyUnits(new BigDecimal(o.get("origSz").asText()))
                        - ins.qtyUnits(new BigDecimal(o.get("sz").asText()));
            } catch (ArithmeticException | NumberFormatException e) {
                filled = -1;
            }
        }
        enqueue(new Command.VenueOrderDone(orderId, filled));
    }

    // ------------------------------------------------------------------ connection and reconciliation

    private void loadMetaThenConnect() {
        if (!running) {
            return;
        }
        try {
            JsonNode meta = info(JSON.createObjectNode().put("type", "meta"));
            JsonNode universe = meta.path("universe");
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < universe.size(); i++) {
                index.put(universe.get(i).path("name").asText(), i);
            }
            for (var e : config.instruments().entrySet()) {
                Integer a = index.get(e.getValue().coin());
                if (a == null) {
                    throw new IOException("coin " + e.getValue().coin() + " is not in the venue's meta");
                }
                assetOf.put(e.getKey(), a);
            }
            metaLoaded = true;
            sender.execute(this::drain);
            connect();
        } catch (IOException | RuntimeException e) {
            lastError = "meta: " + e.getMessage();
            log.warn("Hyperliquid venue: cannot read meta ({}); retrying", e.toString());
            control.schedule(this::loadMetaThenConnect, nextBackoff(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long nextBackoff() {
        long b = backoffMillis;
        backoffMillis = Math.min(5_000, backoffMillis * 2);
        return b;
    }

    private void connect() {
        if (!running) {
            return;
        }
        try {
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(config.webSocket(), new Listener()).get(10, TimeUnit.SECONDS);
            socket = ws;
            for (String u : users()) {
                for (String type : List.of("orderUpdates", "userFills")) {
                    ObjectNode sub = JSON.createObjectNode().put("method", "subscribe");
                    sub.putObject("subscription").put("type", type).put("user", u);
                    ws.sendText(sub.toString(), true).get(5, TimeUnit.SECONDS);
                }
            }
            connected = true;
            backoffMillis = 100;
            if (everConnected) {
                reconnects.incrementAndGet();
            }
            everConnected = true;
            reconcile();
        } catch (Exception e) {
            connected = false;
            lastError = "WebSocket: " + e;
            log.warn("Hyperliquid venue: WebSocket connect failed ({}); retrying", e.toString());
            control.schedule(this::connect, nextBackoff(), TimeUnit.MILLISECONDS);
        }
    }

    private void onDisconnected(String why) {
        if (!connected && socket == null) {
            return;
        }
        connected = false;
        socket = null;
        lastError = "WebSocket closed: " + why;
        if (running) {
            log.warn("Hyperliquid venue: WebSocket lost ({}); reconnecting", why);
            control.schedule(this::connect, nextBackoff(), TimeUnit.MILLISECONDS);
        }
    }

    /** Every user whose orders and fills the venue watches: the master user and each sub-account. */
    private Set<String> users() {
        Set<String> u = new LinkedHashSet<>();
        u.add(user);
        for (String v : config.vaults().values()) {
            u.add(v.toLowerCase());
        }
        return u;
    }

    private void requestReconcile() {
        if (!reconcileQueued && running) {
            reconcileQueued = true;
            control.schedule(() -> {
                reconcileQueued = false;
                reconcile();
            }, 500, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Asks the venue what the stream may have missed: fills since shortly before the last seen,
     * then the open orders, then the status of each routed order that is not open there. Fills
     * are submitted before any end, so that an order never ends before its last fill is applied.
     */
    private void reconcile() {
        if (!running || !metaLoaded) {
            return;
        }
        try {
            long since = Math.max(0, lastFillMillis.get() - FILL_LOOKBACK_MILLIS);
            Map<Long, Boolean> open = new HashMap<>();
            for (String u : users()) {
                JsonNode fills = info(JSON.createObjectNode().put("type", "userFillsByTime").put("user", u)
                        .put("startTime", since));
                List<JsonNode> ordered = new ArrayList<>();
                fills.forEach(ordered::add);
                ordered.sort((a, b) -> Long.compare(a.path("time").asLong(), b.path("time").asLong()));
                for (JsonNode f : ordered) {
                    onFill(f);
                }
                for (JsonNode o : info(JSON.createObjectNode().put("type", "openOrders").put("user", u))) {
                    long id = o.hasNonNull("cloid") ? Cloids.orderId(config.cloidPrefix(), o.get("cloid").asText())
                            : orderOfOid.getOrDefault(o.path("oid").asLong(), -1L);
                    if (id > 0) {
                        acked(id, o.path("oid").asLong());
                        open.put(id, true);
                    }
                }
            }
            for (Tracked t : new ArrayList<>(orders.values())) {
                long id = t.order.orderId();
                if (open.containsKey(id) || !t.answered) {
                    continue; // open there, or its placement is still in flight
                }
                ObjectNode q = JSON.createObjectNode().put("type", "orderStatus")
                        .put("user", t.vault == null ? user : t.vault.toLowerCase());
                if (t.acked) {
                    q.put("oid", t.oid);
                } else {
                    q.put("oid", cloid(id));
                }
                JsonNode st = info(q);
                if ("order".equals(st.path("status").asText())) {
                    onOrderUpdate(st.path("order"));
                } else if (t.acked) {
                    // the venue no longer knows it: it ended (a compatible endpoint forgets finished orders)
                    enqueue(new Command.VenueOrderDone(id, -1));
                } else {
                    enqueue(new Command.VenueOrderRejected(id, "not found at the venue: the order was never placed"));
                }
            }
            reconciliations.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            lastError = "reconciliation: " + e;
            log.warn("Hyperliquid venue: reconciliation failed ({}); retrying", e.toString());
            requestReconcile();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void renewDeadMan() {
        if (!running || !connected || !metaLoaded || !gatewayHealthy.getAsBoolean()) {
            return; // not renewed: the venue cancels when the last one runs out
        }
        Set<String> vaults = new LinkedHashSet<>();
        vaults.add(null);
        vaults.addAll(config.vaults().values());
        for (String vault : vaults) {
            ObjectNode action = JSON.createObjectNode().put("type", "scheduleCancel")
                    .put("time", System.currentTimeMillis() + config.deadManMillis());
            if (budget.tryTake(1, 1, true, System.nanoTime()) != 0) {
                throttled.incrementAndGet();
                return;
            }
            post(config.exchange(), ExchangeRequest.sign(key.pair(), action, nonces.next(), vault, null,
                    config.testnetSignatures())).whenComplete((r, failure) -> {
                if (failure != null || r.statusCode() != 200 || !"ok".equals(parse(r.body()).path("status").asText())) {
                    lastError = "scheduleCancel failed: " + (failure != null ? failure : r.body());
                    log.warn("Hyperliquid venue: {}", lastError);
                }
            });
        }
    }

    private void ping() {
        WebSocket ws = socket;
        if (ws != null && connected) {
            ws.sendText("{\"method\":\"ping\"}", true);
        }
    }

    /** A synchronous /info request, paced by the IP budget. */
    private JsonNode info(ObjectNode request) throws IOException, InterruptedException {
        int weight = RateBudget.infoWeight(request.path("type").asText());
        long wait;
        while ((wait = budget.tryTake(weight, 0, true, System.nanoTime())) > 0) {
            throttled.incrementAndGet();
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
        }
        HttpResponse<String> r = http.send(request(config.info(), request), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/info " + request.path("type").asText() + ": HTTP " + r.statusCode());
        }
        return parse(r.body());
    }

    private CompletableFuture<HttpResponse<String>> post(URI uri, JsonNode body) {
        return http.sendAsync(request(uri, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(URI uri, JsonNode body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n == null ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String bounded(String s) {
        return s.length() > 1_000 ? s.substring(0, 1_000) + "..." : s;
    }

    /** The WebSocket's messages: orderUpdates and userFills (the first, a snapshot, is treated like any other). */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    onMessage(parse(message));
                } catch (RuntimeException e) {
                    lastError = "WebSocket message: " + e;
                    log.warn("Hyperliquid venue: cannot handle a message: {}", e.toString());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (ws == socket) {
                onDisconnected("closed " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (ws == socket) {
                onDisconnected(error.toString());
            }
        }
    }

    private void onMessage(JsonNode m) {
        switch (m.path("channel").asText()) {
            case "userFills" -> m.path("data").path("fills").forEach(this::onFill);
            case "orderUpdates" -> m.path("data").forEach(this::onOrderUpdate);
            default -> {
            }
        }
    }

    @Override
    public VenueHealth health() {
        int queued = inbound.size();
        try {
            queued += sender.submit(() -> toPlace.size() + toCancel.size()).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the sender is busy or stopped: report the inbound queue only
        }
        return new VenueHealth(connected, reconnects.get(), reconciliations.get(), queued, orders.size(), throttled.get(),
                lastError);
    }

    @Override
    public void close() {
        running = false;
        connected = false;
        WebSocket ws = socket;
        socket = null;
        if (ws != null) {
            ws.abort();
        }
        sender.shutdownNow();
        control.shutdownNow();
        inboundThread.interrupt();
    }
}
